// The plan table: "Up" and "Down" move an action without reloading the page.
// Without JavaScript the same buttons post the form and the page reloads at the action.
(function () {
  "use strict";

  var table = document.getElementById("plan-table");
  var announcer = document.getElementById("plan-announcer");
  if (!table || !announcer || !window.fetch) {
    return;
  }
  var body = table.tBodies[0];

  function renumber() {
    var rows = body.rows;
    for (var i = 0; i < rows.length; i++) {
      rows[i].querySelector(".plan-table__number").textContent = String(i + 1);
      rows[i].querySelector("button[value=up]").disabled = i === 0;
      rows[i].querySelector("button[value=down]").disabled = i === rows.length - 1;
    }
  }

  function announce(text) {
    // Clear first so that the same message twice is announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  body.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form.classList.contains("plan-move") || !button) {
      return;
    }
    event.preventDefault();
    var row = form.closest("tr");
    var up = button.value === "up";
    var data = new FormData(form);
    data.set("direction", button.value);
    fetch(form.action, {
      method: "POST",
      body: data,
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
        if (!result.moved) {
          return;
        }
        if (up) {
          body.insertBefore(row, row.previousElementSibling);
        } else {
          body.insertBefore(row, row.nextElementSibling.nextElementSibling);
        }
        renumber();
        var position = Array.prototype.indexOf.call(body.rows, row) + 1;
        // Keep the keyboard on the same action; if its button is now disabled, on the other.
        var again = row.querySelector("button[value=" + button.value + "]");
        var other = row.querySelector("button[value=" + (up ? "down" : "up") + "]");
        (again.disabled ? other : again).focus();
        announce(
          "Moved “" + row.dataset.actionTitle + "” to position " + position +
            " of " + body.rows.length + "."
        );
      })
      .catch(function () {
        // Fall back to the plain form: the server moves it and the page reloads.
        var direction = document.createElement("input");
        direction.type = "hidden";
        direction.name = "direction";
        direction.value = button.value;
        form.appendChild(direction);
        form.submit();
      });
  });
})();
