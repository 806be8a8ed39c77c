// "My actions": a changed status is saved without reloading the page, and announced.
// Without JavaScript, each status has its own form and "Save" button, and the page reloads.
(function () {
  "use strict";

  var announcer = document.getElementById("my-actions-announcer");
  if (!announcer || !window.fetch) {
    return;
  }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("my-actions__status")) {
      return;
    }
    event.preventDefault();
    var title = form.closest(".my-actions__entry").querySelector(".my-actions__title").textContent;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (result) {
        announce("Saved: “" + title.trim() + "” is now " + result.status.toLowerCase() + ".");
      })
      .catch(function () {
        // Fall back to the page's own form: post it and reload.
        form.submit();
      });
  });
})();
