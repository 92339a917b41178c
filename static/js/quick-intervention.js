// The quick intervention form on the file page is replaced by htmx after every save. The
// element that had focus (the save button) goes with it, and the browser drops focus on
// <body>: a keyboard user would have to tab through the whole page again. Put focus back in
// the new form: on the first field with an error, else on its first field, for the next entry.
document.addEventListener("htmx:afterSettle", (event) => {
  const requester = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!requester || !requester.closest || !requester.closest("#quick-intervention")) return;
  const form = document.querySelector("#quick-intervention form");
  if (!form) return;
  const target =
    form.querySelector("[aria-invalid='true']") ||
    form.querySelector("input:not([type='hidden']), select, textarea");
  if (target) target.focus();
});
