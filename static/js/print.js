// Print buttons: <button type="button" data-print hidden>. Hidden until this script runs, so a
// browser without JavaScript shows the page's own hint (use the browser's print command).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
