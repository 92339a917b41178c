// The network map drawn by hand (templates/participants/network/_draw.html).
//
// Choose a person on the map (click, tap, or Tab + Enter/Space), drag them (Pointer Events:
// mouse, pen and touch) or move them with the arrow keys (Shift: bigger steps); "L" (or the
// button) starts a link from the chosen person and the next person chosen completes it;
// Escape stops. A place is saved when the person is dropped, and shortly after the last
// arrow key; the server works out the ring and sector (participants/network_geometry.py) and
// answers with the editor, which replaces the old one. A live region outside the editor says
// what happened. Without this script the forms beside the picture do everything.
//
// Strict CSP: no inline style. Marks move by their transform attribute; while dragging only
// the dragged mark, its spoke and its tie lines change (nothing is rendered again).
(function () {
  "use strict";
  if (window.NetwerkMapEditor) return; // htmx runs the script tag again after each swap
  window.NetwerkMapEditor = true;

  var STEP = 0.03;
  var BIG_STEP = 0.12;
  var KEY_SAVE_DELAY = 600;
  var TAP_SLOP = 4; // screen pixels a tap may move

  var state = {
    selected: null, // member id (string)
    linkFrom: null,
    drag: null,
    index: null, // id -> {g, name, spoke, ends: [[line, "1" | "2"]], x, y}
    timers: {},
    pending: 0,
    hadFocus: false,
  };
  var live = null;

  function editor() {
    return document.getElementById("network-editor");
  }
  function controls() {
    return document.getElementById("nw-draw");
  }
  function map() {
    var root = editor();
    return root && root.querySelector("svg.nw-map");
  }
  function text(key, values) {
    var box = controls();
    var template = (box && box.getAttribute("data-t-" + key)) || "";
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? values[name] : all;
    });
  }
  function say(message) {
    if (!live) return;
    live.textContent = "";
    // A fresh text node after a clear is announced even when it repeats the last message.
    window.setTimeout(function () {
      live.textContent = message;
    }, 30);
  }

  // -- geometry ---------------------------------------------------------------------------
  function geometry(svg) {
    if (!svg.nwGeometry) svg.nwGeometry = JSON.parse(svg.getAttribute("data-geometry"));
    return svg.nwGeometry;
  }
  function clampToMap(svg, x, y) {
    var g = geometry(svg);
    var dx = x - g.centre;
    var dy = y - g.centre;
    var r = Math.sqrt(dx * dx + dy * dy);
    var min = g.min * g.scale;
    var max = g.max * g.scale;
    if (r === 0) return [g.centre, g.centre - min];
    var k = r < min ? min / r : r > max ? max / r : 1;
    return [g.centre + dx * k, g.centre + dy * k];
  }
  function toPlace(svg, x, y) {
    var g = geometry(svg);
    return [(x - g.centre) / g.scale, (y - g.centre) / g.scale];
  }
  function parseTranslate(g) {
    var m = /translate\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\)/.exec(g.getAttribute("transform") || "");
    return m ? [parseFloat(m[1]), parseFloat(m[2])] : [0, 0];
  }

  // -- enhancing the editor (at load and after every swap) ---------------------------------
  function enhance() {
    var svg = map();
    var box = controls();
    if (!svg || !box) return;
    box.hidden = false;
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-describedby", "nw-draw-help");
    svg.classList.add("nw-editable");
    var index = {};
    var marks = svg.querySelectorAll("g.nw-member");
    for (var i = 0; i < marks.length; i++) {
      var g = marks[i];
      var id = g.getAttribute("data-member");
      var xy = parseTranslate(g);
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-pressed", "false");
      index[id] = { g: g, name: null, spoke: null, ends: [], x: xy[0], y: xy[1] };
    }
    var names = svg.querySelectorAll("g.nw-name[data-member]");
    for (var n = 0; n < names.length; n++) {
      var named = index[names[n].getAttribute("data-member")];
      if (named) named.name = names[n];
    }
    var spokes = svg.querySelectorAll("line.nw-tie[data-member]");
    for (var s = 0; s < spokes.length; s++) {
      var own = index[spokes[s].getAttribute("data-member")];
      if (own) own.spoke = spokes[s];
    }
    var links = svg.querySelectorAll("line.nw-link");
    for (var l = 0; l < links.length; l++) {
      var a = index[links[l].getAttribute("data-a")];
      var b = index[links[l].getAttribute("data-b")];
      if (a) a.ends.push([links[l], "1"]);
      if (b) b.ends.push([links[l], "2"]);
    }
    state.index = index;
    dragLayer(svg);
    if (state.selected && !index[state.selected]) state.selected = null;
    if (state.linkFrom && !index[state.linkFrom]) state.linkFrom = null;
    showSelection(state.hadFocus);
    state.hadFocus = false;
  }

  // While dragging, the dragged mark, its name, spoke and tie lines are lifted into a layer of
  // their own above the picture (netwerk.css: .nw-drag-layer, its own compositing layer): the
  // picture itself does not change, so the browser paints and rasterises only the few lifted
  // elements each frame, not the whole map with its thousands of lines.
  function dragLayer(svg) {
    var figure = svg.parentNode;
    var layer = figure.querySelector("svg.nw-drag-layer");
    if (!layer) {
      layer = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      layer.setAttribute("class", "nw-drag-layer");
      layer.setAttribute("aria-hidden", "true");
      layer.setAttribute("focusable", "false");
      layer.setAttribute("viewBox", svg.getAttribute("viewBox"));
      svg.parentNode.insertBefore(layer, svg.nextSibling);
    }
    return layer;
  }

  function lift(drag) {
    var item = state.index[drag.id];
    var parts = [];
    if (item.spoke) parts.push(item.spoke);
    for (var i = 0; i < item.ends.length; i++) parts.push(item.ends[i][0]);
    parts.push(item.g);
    if (item.name) parts.push(item.name);
    var places = parts.map(function (el) {
      return [el, el.parentNode, el.nextSibling];
    });
    var layer = dragLayer(drag.svg);
    for (var j = 0; j < parts.length; j++) layer.appendChild(parts[j]);
    drag.lifted = places;
  }

  function putBack(drag) {
    var places = drag.lifted || [];
    for (var i = places.length - 1; i >= 0; i--) {
      places[i][1].insertBefore(places[i][0], places[i][2]);
    }
    drag.lifted = null;
  }

  function showSelection(focus) {
    var index = state.index || {};
    for (var id in index) {
      var on = id === state.selected || id === state.linkFrom;
      index[id].g.setAttribute("aria-pressed", on ? "true" : "false");
      index[id].g.classList.toggle("nw-selected", on);
      index[id].g.classList.toggle("nw-link-start", id === state.linkFrom);
    }
    var box = controls();
    if (box) {
      box.querySelector("[data-draw='link']").disabled = !state.selected;
      box.querySelector("[data-draw='stop']").disabled = !(state.selected || state.linkFrom);
    }
    if (focus && state.selected && index[state.selected]) index[state.selected].g.focus();
  }

  function label(id) {
    var item = state.index && state.index[id];
    return item ? item.g.getAttribute("data-label") || "" : "";
  }

  // -- moving a mark: the transform, the spoke and the tie lines, nothing else --------------
  function moveTo(id, x, y) {
    var item = state.index[id];
    var sx = x.toFixed(1);
    var sy = y.toFixed(1);
    item.x = x;
    item.y = y;
    var transform = "translate(" + sx + " " + sy + ")";
    item.g.setAttribute("transform", transform);
    if (item.name) item.name.setAttribute("transform", transform);
    if (item.spoke) {
      item.spoke.setAttribute("x2", sx);
      item.spoke.setAttribute("y2", sy);
    }
    for (var i = 0; i < item.ends.length; i++) {
      var end = item.ends[i];
      end[0].setAttribute("x" + end[1], sx);
      end[0].setAttribute("y" + end[1], sy);
    }
  }

  // -- talking to the server ---------------------------------------------------------------
  function post(url, fields) {
    var box = controls();
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": box.getAttribute("data-csrf"),
        "HX-Request": "true",
        "HX-Target": "network-editor",
        "HX-Current-URL": window.location.href,
      },
    });
  }

  function swapEditor(html) {
    var old = editor();
    if (!old) return;
    var active = document.activeElement;
    state.hadFocus = !!(active && active.closest && active.closest("g.nw-member"));
    if (window.htmx && window.htmx.swap) {
      window.htmx.swap(old, html, { swapStyle: "outerHTML" });
    } else {
      old.outerHTML = html;
      enhance();
    }
  }

  function errorOf(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var found = doc.querySelector(".errorlist li, [role='alert']");
    return found ? found.textContent.trim() : "";
  }

  function busy() {
    // For tests and assistive tools alike: whether something is still on its way.
    if (live) live.setAttribute("data-busy", quiet() ? "false" : "true");
  }

  function quiet() {
    // No swap while the person is still moving someone: the next answer brings it all.
    return !state.drag && state.pending === 0 && Object.keys(state.timers).length === 0;
  }

  function send(url, fields, onError) {
    state.pending += 1;
    busy();
    return post(url, fields)
      .then(function (response) {
        return response.text().then(function (body) {
          state.pending -= 1;
          if (response.ok) {
            var doc = new DOMParser().parseFromString(body, "text/html");
            var saved = doc.querySelector("#network-editor p.saved");
            // 204: stored, nothing to show (a caller without htmx); else the new editor.
            if (response.status !== 204 && body && quiet()) swapEditor(body);
            if (saved) say(saved.textContent.trim());
          } else {
            var type = response.headers.get("Content-Type") || "";
            var message = type.indexOf("text/plain") === 0 ? body : errorOf(body);
            say(text("failed", { error: message }));
            if (onError) onError(body, response.status);
          }
          busy();
        });
      })
      .catch(function () {
        state.pending = Math.max(0, state.pending - 1);
        busy();
        say(text("offline"));
      });
  }

  function savePlace(id) {
    var svg = map();
    var item = state.index && state.index[id];
    if (!svg || !item) return;
    var place = toPlace(svg, item.x, item.y);
    var url = controls().getAttribute("data-place-url").replace(/\/0\/place\/$/, "/" + id + "/place/");
    send(url, { pos_x: place[0].toFixed(4), pos_y: place[1].toFixed(4) });
  }

  function saveLater(id) {
    if (state.timers[id]) window.clearTimeout(state.timers[id]);
    state.timers[id] = window.setTimeout(function () {
      delete state.timers[id];
      savePlace(id);
    }, KEY_SAVE_DELAY);
    busy();
  }

  function link(a, b) {
    var box = controls();
    var strength = box.querySelector("[data-draw='strength']").value;
    var fields = { "tie-member_a": a, "tie-member_b": b, "tie-strength": strength };
    send(box.getAttribute("data-link-url"), fields, function (body, status) {
      if (status === 400 && quiet()) swapEditor(body); // the form beside the map shows why
    });
  }

  // -- choosing, linking, stopping ---------------------------------------------------------
  function choose(id) {
    if (state.linkFrom) {
      if (id === state.linkFrom) {
        say(text("link-self", { name: label(id) }));
        return;
      }
      var from = state.linkFrom;
      state.linkFrom = null;
      state.selected = id;
      showSelection(false);
      link(from, id);
      return;
    }
    state.selected = id;
    showSelection(false);
    say(text("chosen", { name: label(id) }));
  }

  function startLink() {
    if (!state.selected) return;
    state.linkFrom = state.selected;
    showSelection(false);
    say(text("link", { name: label(state.linkFrom) }));
  }

  function stop() {
    if (!state.selected && !state.linkFrom) return;
    state.selected = null;
    state.linkFrom = null;
    showSelection(false);
    say(text("stopped"));
  }

  // -- pointer: drag, or tap to choose -----------------------------------------------------
  function onPointerDown(event) {
    // Names do not take the pointer (netwerk.css): a finger on a covered mark gets the mark.
    var hit =
      event.target.closest && event.target.closest("#network-editor svg.nw-map g.nw-member");
    if (!hit || !state.index || event.button > 0) return;
    var id = hit.getAttribute("data-member");
    if (!state.index[id]) return;
    var g = state.index[id].g;
    var svg = g.ownerSVGElement;
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    event.preventDefault();
    svg.setPointerCapture(event.pointerId); // the picture stays while the mark is lifted
    var item = state.index[id];
    var inverse = matrix.inverse();
    var start = pointIn(inverse, event.clientX, event.clientY);
    state.drag = {
      id: id,
      g: g,
      svg: svg,
      pointerId: event.pointerId,
      inverse: inverse,
      offset: [item.x - start[0], item.y - start[1]],
      clientX: event.clientX,
      clientY: event.clientY,
      lastX: event.clientX,
      lastY: event.clientY,
      moved: false,
      frame: 0,
    };
  }

  function pointIn(inverse, clientX, clientY) {
    return [
      inverse.a * clientX + inverse.c * clientY + inverse.e,
      inverse.b * clientX + inverse.d * clientY + inverse.f,
    ];
  }

  function onPointerMove(event) {
    var drag = state.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.lastX = event.clientX;
    drag.lastY = event.clientY;
    if (!drag.moved) {
      var far = Math.abs(drag.lastX - drag.clientX) + Math.abs(drag.lastY - drag.clientY);
      if (far < TAP_SLOP) return;
      drag.moved = true;
      drag.g.classList.add("nw-dragging");
      lift(drag);
    }
    if (!drag.frame) drag.frame = window.requestAnimationFrame(dragFrame);
  }

  function dragFrame() {
    var drag = state.drag;
    if (!drag) return;
    drag.frame = 0;
    var p = pointIn(drag.inverse, drag.lastX, drag.lastY);
    var xy = clampToMap(drag.svg, p[0] + drag.offset[0], p[1] + drag.offset[1]);
    moveTo(drag.id, xy[0], xy[1]);
  }

  function onPointerUp(event) {
    var drag = state.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (drag.frame) window.cancelAnimationFrame(drag.frame);
    state.drag = null;
    drag.g.classList.remove("nw-dragging");
    if (drag.moved) {
      drag.frame = 0;
      state.drag = drag;
      dragFrame(); // the last position, also when the browser cancels the pointer
      state.drag = null;
    }
    putBack(drag);
    if (drag.moved) {
      if (!state.linkFrom) {
        state.selected = drag.id;
        showSelection(false);
      }
      savePlace(drag.id);
    } else if (event.type !== "pointercancel") {
      choose(drag.id);
    }
  }

  // -- keyboard ----------------------------------------------------------------------------
  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function onKeyDown(event) {
    var g = event.target.closest && event.target.closest("#network-editor svg.nw-map g.nw-member");
    if (event.key === "Escape" && (state.selected || state.linkFrom)) {
      if (g || event.target.closest("#nw-draw")) {
        stop();
        event.preventDefault();
      }
      return;
    }
    if (!g || !state.index || event.altKey || event.ctrlKey || event.metaKey) return;
    var id = g.getAttribute("data-member");
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(id);
      return;
    }
    if (/^[lLkK]$/.test(event.key)) {
      event.preventDefault();
      if (state.selected !== id && !state.linkFrom) choose(id);
      startLink();
      return;
    }
    var arrow = ARROWS[event.key];
    if (!arrow) return;
    event.preventDefault();
    if (state.selected !== id) {
      state.selected = id;
      showSelection(false);
    }
    var svg = g.ownerSVGElement;
    var geo = geometry(svg);
    var step = (event.shiftKey ? BIG_STEP : STEP) * geo.scale;
    var item = state.index[id];
    var xy = clampToMap(svg, item.x + arrow[0] * step, item.y + arrow[1] * step);
    moveTo(id, xy[0], xy[1]);
    saveLater(id);
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("#nw-draw [data-draw]");
    if (!button) return;
    if (button.getAttribute("data-draw") === "link") startLink();
    if (button.getAttribute("data-draw") === "stop") stop();
  }

  function init() {
    live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.id = "nw-draw-live";
    live.setAttribute("data-busy", "false");
    var root = editor();
    if (root) root.parentNode.insertBefore(live, root.nextSibling);
    enhance();
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("pointermove", onPointerMove);
    document.addEventListener("pointerup", onPointerUp);
    document.addEventListener("pointercancel", onPointerUp);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("click", onClick);
    document.addEventListener("htmx:load", function (event) {
      var elt = event.detail && event.detail.elt;
      if (elt && (elt.id === "network-editor" || (elt.querySelector && elt.querySelector("#nw-draw")))) {
        enhance();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
