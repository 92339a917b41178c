// The service worker of the volunteer's pages (netwerk/offline.py serves it as /sw.js).
//
// Pages: from the network first; a page the server marked `Netwerk-Offline: keep` (the
// volunteer's contacts, the forms to log a contact or a worry, their groups' attendance) is
// kept, and shown when there is no connection. Nothing else is ever kept. Static files: from
// the network first, the kept copy without a connection. What is kept is deleted at log-out
// (the page asks, and the server sends Clear-Site-Data), when the server sends the phone to
// the log-in page, and once the session's absolute limit has passed.
"use strict";

var PAGES = "netwerk-pages-v1";
var STATIC = "netwerk-static-v1";
var UNTIL = "/offline/kept-until";

function forget() {
  return caches.keys().then(function (keys) {
    return Promise.all(
      keys
        .filter(function (key) {
          return key.indexOf("netwerk-") === 0;
        })
        .map(function (key) {
          return caches.delete(key);
        })
    );
  });
}

function keptUntil() {
  return caches
    .open(PAGES)
    .then(function (cache) {
      return cache.match(UNTIL);
    })
    .then(function (response) {
      return response ? response.text() : "0";
    })
    .then(function (text) {
      return parseInt(text, 10) || 0;
    });
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "forget") {
    event.waitUntil(forget());
  } else if (data.type === "until" && data.until) {
    event.waitUntil(
      caches.open(PAGES).then(function (cache) {
        return cache.put(UNTIL, new Response(String(data.until)));
      })
    );
  }
});

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    var url = new URL(response.url || request.url);
    if (url.pathname.indexOf("/accounts/login/") === 0) {
      // Signed out (log-out, idle time, the absolute limit): keep nothing.
      return forget().then(function () {
        return response;
      });
    }
    if (response.ok && response.headers.get("Netwerk-Offline") === "keep" && !response.redirected) {
      var copy = response.clone();
      return caches
        .open(PAGES)
        .then(function (cache) {
          return cache.put(request.url, copy);
        })
        .then(function () {
          return response;
        });
    }
    return response;
  });
}

function keptPage(request) {
  return keptUntil().then(function (until) {
    if (!until || Date.now() / 1000 > until) {
      return forget().then(function () {
        return Response.error();
      });
    }
    return caches.open(PAGES).then(function (cache) {
      return cache.match(request.url, { ignoreVary: true }).then(function (page) {
        return page || cache.match(new URL("/", self.location.origin).href, { ignoreVary: true });
      });
    });
  });
}

function staticFile(request) {
  return fetch(request)
    .then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC).then(function (cache) {
          cache.put(request, copy);
        });
      }
      return response;
    })
    .catch(function () {
      return caches.match(request, { cacheName: STATIC }).then(function (kept) {
        return kept || Response.error();
      });
    });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(request));
    return;
  }
  if (url.pathname === "/sw.js" || url.pathname.indexOf("/offline/") === 0) {
    return;
  }
  event.respondWith(
    fromNetwork(request).catch(function () {
      if (request.mode !== "navigate") {
        return Response.error();
      }
      return keptPage(request).then(function (page) {
        return page || Response.error();
      });
    })
  );
});
