// Escape closes an open menu (a <details data-menu>, such as "More") and gives focus back to its
// summary, as a keyboard user expects of a menu. Without script the menu still opens and closes with
// its summary (Enter or Space). One listener on the document, so it keeps working after Blazor's
// enhanced navigation swaps the page's content.
document.addEventListener("keydown", event => {
  if (event.key !== "Escape") return;
  const open = [...document.querySelectorAll("details[data-menu][open]")];
  if (open.length === 0) return;
  for (const menu of open) menu.open = false;
  const here = open.find(menu => menu.contains(document.activeElement)) ?? open[0];
  here.querySelector("summary")?.focus();
  event.preventDefault();
});
