// A staff form marked `data-keep-session` keeps its session alive while someone types in it:
// writing a request, a record or a note can take longer than the 30 minutes a session lasts
// without a request. A page that is merely open keeps nothing alive, so an unattended
// screen is still logged out after 30 minutes. Nothing of the form is sent and nothing is
// stored in the browser (no drafts: the text may be about a person exposed to violence).
//
// If the session has ended anyway (the laptop slept, 12 hours passed, a logout in another
// tab), sending would lead to the login page and lose the text: the page says so instead,
// and the form's buttons are disabled so that the text stays on the screen to be copied.
(function () {
  "use strict";
  // At most one call a minute while typing: the session then lasts at least 29 minutes
  // after the last key.
  var PING_EVERY_MS = 60 * 1000;
  var notice = document.getElementById("session-ended");
  var forms = document.querySelectorAll("form[data-keep-session]");
  if (!notice || !forms.length || !window.fetch) {
    return;
  }
  var url = notice.getAttribute("data-keep-session-url");
  // The page itself was a request: the session's idle time started when it loaded.
  var lastContact = Date.now();
  var ended = false;
  var pending = null;

  function token() {
    var input = document.querySelector("form[data-keep-session] input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function end() {
    ended = true;
    notice.hidden = false;
    Array.prototype.forEach.call(forms, function (form) {
      var buttons = form.querySelectorAll("button, input[type=submit], input[type=image]");
      Array.prototype.forEach.call(buttons, function (button) {
        button.disabled = true;
      });
    });
  }

  // Resolves true while the session lives (and restarts its idle time), false once it has
  // ended: 401 when it expired, a redirect to the login when the middleware ended it, 403
  // when a login elsewhere replaced this page's CSRF token. Offline: null, try again later.
  function ping() {
    if (pending) {
      return pending;
    }
    pending = window
      .fetch(url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": token() },
      })
      .then(
        function (response) {
          if (response.status === 204) {
            lastContact = Date.now();
            return true;
          }
          end();
          return false;
        },
        function () {
          return null;
        }
      )
      .then(function (alive) {
        pending = null;
        return alive;
      });
    return pending;
  }

  function stale() {
    return Date.now() - lastContact >= PING_EVERY_MS;
  }

  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("input", function () {
      if (!ended && stale()) {
        ping();
      }
    });
    // Before sending after a pause, ask whether the session still lives: a laptop that
    // slept has no timer to tell it. The check is the keep-alive itself.
    form.addEventListener("submit", function (event) {
      if (ended) {
        event.preventDefault();
        return;
      }
      var submitter = event.submitter;
      if (!stale() || !submitter || !form.requestSubmit) {
        return;
      }
      event.preventDefault();
      ping().then(function (alive) {
        if (alive !== false) {
          // Alive, or no answer at all: send as the user asked (the same button).
          lastContact = Date.now();
          form.requestSubmit(submitter);
        }
      });
    });
  });
})();
