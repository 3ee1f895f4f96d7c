// Buttons that move live traffic or change the record ask first, in Jenkins' own dialog; the form is posted only
// when the user confirms. While work started from the page runs, the page reloads to show its outcome.
Behaviour.specify("button.bluegreen-confirm", "bluegreen-confirm", 0, function (button) {
  button.addEventListener("click", function (event) {
    if (button.dataset.confirmed === "true") {
      return;
    }
    event.preventDefault();
    dialog
      .confirm(button.dataset.title, { message: button.dataset.message, type: "destructive" })
      .then(
        function () {
          button.dataset.confirmed = "true";
          button.form.requestSubmit(button);
        },
        function () {},
      );
  });
});

Behaviour.specify(".bluegreen-button-task[data-state='running']", "bluegreen-reload", 0, function () {
  window.setTimeout(function () {
    window.location.reload();
  }, 3000);
});
