// Back + resubmit sends the token the form had when it was sent (netwerk/submit_once.py).
//
// Pages are not cached (no-store), so going back fetches the form again with a fresh token,
// and the browser fills in what was typed: sending it again would save it twice. The history
// entry remembers the tokens its page had (history.state survives going back); this puts
// them back. New forms (an htmx swap) are remembered as they appear.
(function () {
  "use strict";
  var KEY = "netwerkFormTokens";

  function keyOf(input, index) {
    var form = input.form;
    return (form ? form.getAttribute("action") || location.pathname : "") + "#" + index;
  }

  function sync() {
    var inputs = document.querySelectorAll("input[name='form_token']");
    var state = history.state && typeof history.state === "object" ? history.state : {};
    var known = state[KEY] || {};
    var restore = !sync.done;
    var tokens = {};
    for (var i = 0; i < inputs.length; i++) {
      var key = keyOf(inputs[i], i);
      if (restore && known[key]) {
        inputs[i].value = known[key];
      }
      tokens[key] = inputs[i].value;
    }
    sync.done = true;
    var next = Object.assign({}, state);
    next[KEY] = tokens;
    try {
      history.replaceState(next, "");
    } catch (error) {
      // A state the browser cannot store: the server still refuses a second save.
    }
  }

  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:load", function () {
    if (sync.done) {
      sync();
    }
  });
})();
