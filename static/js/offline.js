// The volunteer's pages without a connection (netwerk/offline.py, static/js/sw.js).
//
// Forms marked `data-offline` (log a contact, raise a worry, attendance) carry an id made
// here (`client_id`). Without a connection the form is not sent but queued on the phone;
// when the connection returns the queue goes to /offline/sync/ in one request, with a fresh
// CSRF token. The server saves each id once, so sending again never makes a duplicate; what
// it refuses (the match has ended meanwhile) is shown in its own plain words. The texts come
// from the page (#offline-status data attributes), translated by the server.
(function () {
  "use strict";
  var meta = document.querySelector("meta[name='netwerk-offline']");
  if (!meta) {
    return;
  }
  var QUEUE = "netwerkOfflineQueue";
  var NOTICES = "netwerkOfflineNotices";
  var user = meta.getAttribute("data-user");
  var until = parseInt(meta.getAttribute("data-until"), 10) || 0;
  var syncUrl = meta.getAttribute("data-sync");
  var syncing = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  }

  function write(key, list) {
    if (list.length) {
      localStorage.setItem(key, JSON.stringify(list));
    } else {
      localStorage.removeItem(key);
    }
  }

  function mine(entry) {
    return entry.user === user;
  }

  function forgetKept() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    if (window.caches) {
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
    return Promise.resolve();
  }

  function words(name, count) {
    var box = document.getElementById("offline-status");
    var text = (box && box.getAttribute("data-" + name)) || "";
    return text.replace("{n}", String(count));
  }

  function show() {
    var box = document.getElementById("offline-status");
    if (!box) {
      return;
    }
    var lines = [];
    var waiting = read(QUEUE).filter(mine).length;
    if (waiting) {
      lines.push(words("waiting", waiting));
    }
    var notices = read(NOTICES).filter(mine);
    notices.forEach(function (notice) {
      lines.push(notice.text);
    });
    box.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      box.appendChild(p);
    });
    box.hidden = lines.length === 0;
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "form_token" || name === "client_id") {
        return;
      }
      if (name === "present") {
        (fields[name] = fields[name] || []).push(value);
      } else {
        fields[name] = value;
      }
    });
    return fields;
  }

  function queue(form) {
    var input = form.querySelector("input[name='client_id']");
    var entry = {
      id: (input && input.value) || newId(),
      kind: form.getAttribute("data-offline"),
      target: form.getAttribute("data-offline-target"),
      label: form.getAttribute("data-offline-label") || "",
      fields: fieldsOf(form),
      user: user,
    };
    var list = read(QUEUE).filter(function (other) {
      return other.id !== entry.id;
    });
    list.push(entry);
    write(QUEUE, list);
    if (input) {
      input.value = newId();
    }
  }

  function sync() {
    var list = read(QUEUE);
    var ours = list.filter(mine);
    if (syncing || !ours.length || !navigator.onLine) {
      return Promise.resolve();
    }
    syncing = true;
    return fetch(syncUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("not signed in");
        }
        return response.json();
      })
      .then(function (data) {
        return fetch(syncUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf_token },
          body: JSON.stringify({
            entries: ours.map(function (entry) {
              return { id: entry.id, kind: entry.kind, target: entry.target, fields: entry.fields };
            }),
          }),
        });
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("refused");
        }
        return response.json();
      })
      .then(function (data) {
        var done = {};
        var notices = read(NOTICES);
        var sent = 0;
        data.results.forEach(function (result, index) {
          var entry = ours[index];
          done[entry.id] = true;
          if (result.status === "saved") {
            sent += 1;
          } else {
            notices.push({
              user: user,
              text: (entry.label ? entry.label + ": " : "") + result.message,
              once: true,
            });
          }
        });
        if (sent) {
          notices.push({ user: user, text: words("sent", sent), once: true });
        }
        write(
          QUEUE,
          read(QUEUE).filter(function (entry) {
            return !done[entry.id];
          })
        );
        write(NOTICES, notices);
        show();
        // A notice is shown until the next page: then it has been read.
        write(
          NOTICES,
          read(NOTICES).filter(function (notice) {
            return !mine(notice) || !notice.once;
          })
        );
      })
      .catch(function () {
        // No connection after all, or signed out: the queue waits for the next chance.
      })
      .then(function () {
        syncing = false;
      });
  }

  function prefetch() {
    // The contact list's pages and forms, kept by the service worker for use offline.
    if (!navigator.onLine || !navigator.serviceWorker || !navigator.serviceWorker.controller) {
      return;
    }
    document.querySelectorAll("a[data-offline-prefetch]").forEach(function (link) {
      fetch(link.href, { credentials: "same-origin" }).catch(function () {});
    });
  }

  function start() {
    if (until && Date.now() / 1000 > until) {
      forgetKept();
    }
    if (navigator.serviceWorker) {
      navigator.serviceWorker
        .register("/sw.js", { scope: "/" })
        .then(function () {
          return navigator.serviceWorker.ready;
        })
        .then(function (registration) {
          if (registration.active) {
            registration.active.postMessage({ type: "until", until: until });
          }
          if (navigator.serviceWorker.controller) {
            prefetch();
          } else {
            navigator.serviceWorker.addEventListener("controllerchange", prefetch);
          }
        })
        .catch(function () {});
    }
    document.querySelectorAll("form[data-offline]").forEach(function (form) {
      var input = form.querySelector("input[name='client_id']");
      if (input && !input.value) {
        input.value = newId();
      }
      form.addEventListener("submit", function (event) {
        if (navigator.onLine) {
          return;
        }
        event.preventDefault();
        queue(form);
        var notices = read(NOTICES);
        notices.push({ user: user, text: words("queued", 1), once: true });
        write(NOTICES, notices);
        if (form.getAttribute("data-offline") === "attendance") {
          show();
        } else {
          location.href = "/";
        }
      });
    });
    document.querySelectorAll("form[data-offline-forget]").forEach(function (form) {
      form.addEventListener("submit", function () {
        localStorage.removeItem(QUEUE);
        localStorage.removeItem(NOTICES);
        forgetKept();
      });
    });
    show();
    write(
      NOTICES,
      read(NOTICES).filter(function (notice) {
        return !mine(notice) || !notice.once;
      })
    );
    window.addEventListener("online", sync);
    sync();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
