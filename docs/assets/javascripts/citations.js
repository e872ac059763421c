/* Amino Atlas citations: a preview of the reference on hover, keyboard focus and tap.
 * No third-party code. The preview copies the page's own reference entry (the node that the
 * citation link's aria-describedby names), so screen readers already hear it without this script;
 * without JavaScript the link still jumps to the reference list. */
(function () {
  "use strict";
  var popover = null, owner = null, hideTimer = null;
  /* the press in progress: by touch (or pen), and whether its citation's preview was already open
   * before it began (a tap fires pointerdown, then mouseover and focus, which open it, then click) */
  var touchTap = false, openBeforeTap = false;

  function entryFor(link) {
    var id = link.getAttribute("aria-describedby");
    return id ? document.getElementById(id) : null;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popover) popover.remove();
    if (owner) owner.removeAttribute("aria-expanded");
    popover = null; owner = null;
  }

  function place(link) {
    /* viewport coordinates of the link, converted to the popover's positioned ancestor */
    var rect = link.getBoundingClientRect();
    var viewport = document.documentElement.clientWidth;
    var width = Math.min(480, viewport - 16);
    popover.style.maxWidth = width + "px";
    var parent = popover.offsetParent || document.body;
    var base = parent.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left, viewport - width - 8));
    popover.style.left = (left - base.left - parent.clientLeft) + "px";
    popover.style.top = (rect.bottom - base.top - parent.clientTop + 6) + "px";
  }

  function show(link) {
    var entry = entryFor(link);
    if (!entry) return;
    if (owner === link) { clearTimeout(hideTimer); return; }
    hide();
    popover = document.createElement("div");
    popover.className = "atlas-cite-popover";
    popover.setAttribute("role", "group");
    popover.setAttribute("aria-label", link.textContent);
    popover.innerHTML = entry.innerHTML;
    var jump = document.createElement("a");
    jump.href = link.getAttribute("href");
    jump.className = "atlas-cite-popover__jump";
    jump.textContent = "↓ " + link.textContent;
    popover.appendChild(document.createTextNode(" "));
    popover.appendChild(jump);
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", scheduleHide);
    popover.addEventListener("focusout", function (event) {
      if (!popover || popover.contains(event.relatedTarget) || event.relatedTarget === owner) return;
      scheduleHide();
    });
    /* right after the link in the DOM: Tab moves from the number into the preview's links */
    link.insertAdjacentElement("afterend", popover);
    owner = link;
    link.setAttribute("aria-expanded", "true");
    place(link);
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function citation(target) {
    return target && target.closest ? target.closest("a.atlas-cite__ref") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = citation(event.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = citation(event.target);
    if (link && link === owner && !(popover && popover.contains(event.relatedTarget))) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = citation(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    var link = citation(event.target);
    if (link && link === owner && !(popover && popover.contains(event.relatedTarget))) scheduleHide();
  });
  document.addEventListener("pointerdown", function (event) {
    var link = citation(event.target);
    touchTap = event.pointerType === "touch" || event.pointerType === "pen";
    openBeforeTap = !!link && link === owner;
  }, true);
  /* touch: the first tap opens the preview and keeps it (no jump); a second tap on the number, or
   * the link inside the preview, goes to the reference. Mouse and keyboard clicks follow the link. */
  document.addEventListener("click", function (event) {
    var link = citation(event.target);
    if (link && touchTap && !openBeforeTap) {
      event.preventDefault();
      show(link);
      clearTimeout(hideTimer);
    } else if (!link && popover && !popover.contains(event.target)) {
      hide();
    }
    touchTap = false;
  });
  document.addEventListener("keydown", function (event) {
    touchTap = false;  /* Enter on a focused citation is a keyboard click */
    if (event.key === "Escape" && popover) {
      var link = owner;
      hide();
      if (link) link.focus({ preventScroll: true });
      hideTimer = null;
    }
  });
  window.addEventListener("resize", function () { if (owner) place(owner); });
})();
