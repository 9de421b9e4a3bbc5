// Quick exit: leave for a neutral site on click/tap or on Shift pressed alone
// three times within a few seconds. Without JavaScript the links still work.
(function () {
  "use strict";
  var PRESSES = 3;
  var WINDOW_MS = 3000;
  var presses = [];
  var shiftAlone = false;

  function exitUrl() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : "about:blank";
  }

  var title = document.title;

  function leave(url) {
    // Hide the page at once, then replace this history entry so Back does not return.
    document.documentElement.classList.add("is-leaving");
    document.title = "";
    window.location.replace(url || exitUrl());
  }

  // A browser that keeps pages in its back/forward cache may show this page again as it
  // was left, blank: show it again, so that the exit can be used once more.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.documentElement.classList.remove("is-leaving");
    document.title = title;
    presses = [];
    announce(0);
  });

  function announce(remaining) {
    var status = document.getElementById("quick-exit-status");
    if (!status) return;
    status.textContent = remaining === 2 ? status.dataset.twoLeft
      : remaining === 1 ? status.dataset.oneLeft : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });

  // Listen in the capture phase so a form field that stops the event cannot block it.
  document.addEventListener("keydown", function (event) {
    // Shift held together with another key is typing, not a quick-exit press.
    shiftAlone = event.key === "Shift" && !event.ctrlKey && !event.altKey && !event.metaKey && !event.repeat;
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= PRESSES) {
      presses = [];
      announce(0);
      leave();
    } else {
      announce(PRESSES - presses.length);
    }
  }, true);
})();
