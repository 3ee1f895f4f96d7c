// Rollback and drill move live traffic: ask before the form is posted.
Behaviour.specify("button.bluegreen-confirm", "bluegreen-confirm", 0, function (button) {
  button.addEventListener("click", function (event) {
    if (!window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
});
