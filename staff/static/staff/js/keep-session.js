// A long form keeps its session alive while it is open: typing a samråd request can take
// longer than the 30 minutes a session lasts without a request. Nothing of the form is sent,
// and nothing is stored in the browser. If the session has ended anyway (after 12 hours,
// or a logout in another tab), the page says so and the text stays where it is.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-session]");
  if (!form || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-keep-session");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var notice = document.getElementById("session-ended");
  var timer = window.setInterval(function () {
    window
      .fetch(url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
      .then(function (response) {
        if (response.status !== 204 && notice) {
          notice.hidden = false;
          window.clearInterval(timer);
        }
      })
      .catch(function () {
        // Offline for a moment: the next call tries again.
      });
  }, 4 * 60 * 1000);
})();
