"""Participant rights (GDPR art. 15, 16, 17, 20) and retention.

- `export`: everything held about one participant (printable page and JSON); other apps add
  their records with `register_rights_section`.
- `erasure`: `participant_anonymise`; other apps scrub their records with
  `register_erasure_step`.
- `retention`: which closed files the retention job anonymises, and which soon.
Rectification (art. 16) goes through the normal forms and services.
"""
