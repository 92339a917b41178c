"""Exchange of network maps with other tools (issue 17): GraphML and CSV node and edge lists
out (`export`), GraphML and easyNWK files in (`graphml`, `easynwk`, checked by `checks`).

Members are third parties: a file names them only by the label the map gives them (a first
name or a role), never the participant. The participant, the ego of the map, is not a node:
every member is tied to them, so the files hold only members and the ties among them.
"""
