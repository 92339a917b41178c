// Signed out (the log-in page, after log-out, the idle time or the absolute limit): the
// phone keeps no copy of a volunteer's pages (static/js/sw.js kept them).
(function () {
  "use strict";
  if (window.caches) {
    caches.keys().then(function (keys) {
      keys.forEach(function (key) {
        if (key.indexOf("netwerk-") === 0) {
          caches.delete(key);
        }
      });
    });
  }
})();
