// Facts in the prose (:fact). Without this script a figure is a link to its source, with who
// said it on hover and focus. With it, a tap or Enter opens the figure's pop-up (who, role,
// status, as of, source) and a second one, or the pop-up's own link, follows the link; a mouse
// click follows it at once (a mouse shows the pop-up on hover). Escape or a tap elsewhere closes
// it. No inline styles or scripts: the page's Content-Security-Policy allows none.
(function () {
  "use strict";
  var pointer = "";

  function value(fact) {
    return fact.querySelector(".xfact__value");
  }

  function close(except) {
    document.querySelectorAll(".xfact--open").forEach(function (fact) {
      if (fact === except) return;
      fact.classList.remove("xfact--open");
      value(fact).setAttribute("aria-expanded", "false");
    });
  }

  function open(fact) {
    var link = value(fact);
    var tip = fact.querySelector(".xfact__tip");
    close(fact);
    if (!tip.querySelector(".xfact__go")) {
      var go = document.createElement("a");
      go.className = "xfact__go";
      go.href = link.href;
      go.textContent = fact.getAttribute("data-open") || "";
      tip.appendChild(document.createTextNode(" "));
      tip.appendChild(go);
      tip.removeAttribute("role"); // it now holds a link: no longer a mere tooltip
    }
    fact.classList.add("xfact--open");
    link.setAttribute("aria-expanded", "true");
    // Keep the pop-up on screen: shift it left by what it would overflow.
    tip.style.left = "0px";
    var over = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.left = -Math.min(over, fact.getBoundingClientRect().left - 8) + "px";
  }

  document.addEventListener("pointerdown", function (event) {
    pointer = event.pointerType;
  }, true);

  document.addEventListener("keydown", function (event) {
    pointer = "";
    if (event.key !== "Escape") return;
    var fact = document.querySelector(".xfact--open");
    if (fact) {
      close();
      value(fact).focus();
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var link = target && target.closest(".xfact__value");
    if (!link) {
      if (!(target && target.closest(".xfact--open"))) close();
      return;
    }
    var fact = link.closest(".xfact");
    if (pointer === "mouse" || fact.classList.contains("xfact--open")) return; // follow the link
    event.preventDefault();
    open(fact);
  });
})();
