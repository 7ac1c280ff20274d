/* earmark web edition: enhances the native <audio> with a keyboard-operable player, skips
   spoiler chapters, and reads along with the narration's exact timings (embedded JSON).
   No framework, no build step, no network requests: it works from file:// too. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("earmark-timeline").textContent);
  var audio = document.getElementById("earmark-audio");
  var player = document.getElementById("earmark-player");
  var playButton = document.getElementById("earmark-play");
  var slider = document.getElementById("earmark-seek");
  var timeText = document.getElementById("earmark-time");
  var chapterName = document.getElementById("earmark-chapter");
  var status = document.getElementById("earmark-status");
  var speed = document.getElementById("earmark-speed");
  var skipBox = document.getElementById("earmark-skip");
  var text = document.getElementById("earmark-text");
  var STORE = "earmark-skip-spoilers";
  var STEP = 5; // seconds per arrow key on the seek slider
  var PAGE = 60; // seconds per Page Up / Page Down
  var JUMP = 15; // seconds for the back / forward buttons
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  var chapters = data.chapters;
  var cues = data.cues.map(function (c) { return { id: c[0], start: c[1], end: c[2] }; });
  var sentences = [];
  cues.forEach(function (cue) {
    cue.el = document.getElementById(cue.id);
    if (cue.el && cue.el.tagName === "SPAN" && text.contains(cue.el)) {
      cue.el.classList.add("earmark-sentence");
      cue.el.tabIndex = -1;
      cue.el.earmarkCue = cue;
      sentences.push(cue.el);
    }
  });
  if (sentences.length) sentences[0].tabIndex = 0;

  // Spoiler chapters that follow each other are skipped as one range [start, end).
  var ranges = [];
  chapters.forEach(function (ch) {
    if (!ch.spoiler) return;
    var last = ranges[ranges.length - 1];
    if (last && Math.abs(last.end - ch.start) < 0.001) {
      last.end = ch.end;
      last.titles.push(ch.title);
    } else {
      ranges.push({ start: ch.start, end: ch.end, titles: [ch.title] });
    }
  });

  function duration() {
    return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : data.duration;
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + rest : m + ":" + rest;
  }

  // "4 minutes 3 seconds": the same words as the page's initial aria-valuetext.
  function spoken(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var parts = [[Math.floor(s / 3600), "hour"], [Math.floor((s % 3600) / 60), "minute"],
      [s % 60, "second"]].filter(function (p) { return p[0]; }).map(function (p) {
      return p[0] + " " + p[1] + (p[0] === 1 ? "" : "s");
    });
    return parts.join(" ") || "0 seconds";
  }

  function announce(message) {
    // Cleared first, so the same message is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function skipping() {
    return Boolean(skipBox && skipBox.checked);
  }

  function rangeAt(t) {
    for (var i = 0; i < ranges.length; i++) {
      if (t >= ranges[i].start && t < ranges[i].end) return ranges[i];
    }
    return null;
  }

  // How early a play-through jumps over the next spoiler range: the chapter before it ends
  // in seconds of room tone, so jumping a frame or two early loses no speech, and the
  // spoiler chapter (its spoken warning first) is never entered.
  function lookahead() {
    return Math.min(1, 0.06 * (audio.playbackRate || 1));
  }

  // Where a backward move into spoilers lands: the last cue before them, so the listener can
  // go back past a skipped range instead of being sent forward again.
  function before(range) {
    var cue = cueAt(range.start - 0.001);
    return cue && cue.start < range.start ? cue.start : 0;
  }

  function skipFrom(range, back) {
    var end = range.end;
    var names = range.titles.join(", ");
    if (back) {
      audio.currentTime = before(range);
      announce("Skipped back over " + names + ". Skip spoilers is on.");
    } else if (end >= duration() - 0.01) {
      audio.pause();
      audio.currentTime = duration();
      announce("Skipped " + names + ". Skip spoilers is on; the rest is spoilers.");
    } else {
      audio.currentTime = end;
      announce("Skipped " + names + ". Skip spoilers is on.");
    }
  }

  // Keeps playback out of spoiler chapters while Skip spoilers is on.
  function guard(back) {
    if (!skipping()) return false;
    var t = audio.currentTime;
    var inside = rangeAt(t);
    if (inside) {
      skipFrom(inside, Boolean(back));
      return true;
    }
    if (!audio.paused && !back) {
      var ahead = rangeAt(t + lookahead());
      if (ahead) {
        skipFrom(ahead, false);
        return true;
      }
    }
    return false;
  }

  var timer = 0;
  function schedule() {
    // A timer for the next spoiler start, as animation frames stop in background tabs.
    window.clearTimeout(timer);
    if (audio.paused || !skipping()) return;
    var t = audio.currentTime;
    var next = ranges.find(function (r) { return r.start > t; });
    if (!next) return;
    var wait = ((next.start - lookahead() - t) / (audio.playbackRate || 1)) * 1000;
    timer = window.setTimeout(function () { guard(); schedule(); }, Math.max(0, wait - 30));
  }

  function chapterAt(t) {
    var found = chapters[0];
    for (var i = 0; i < chapters.length; i++) {
      if (chapters[i].start <= t) found = chapters[i];
    }
    return found;
  }

  // The cue being spoken, or during a pause the one just spoken.
  function cueAt(t) {
    var lo = 0;
    var hi = cues.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cues[mid].start <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : cues[found];
  }

  function inView(el) {
    if (!el || !el.getClientRects().length) return false;
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  function fullyInView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }

  function scrollTo(el) {
    el.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
  }

  function openSpoiler(el) {
    var box = el.closest("details.spoiler");
    if (box && !box.open) box.open = true;
  }

  var current = null;
  var follow = true;
  var forceScroll = false;
  function highlight() {
    var cue = cueAt(audio.currentTime);
    var el = cue && cue.el && text.contains(cue.el) ? cue.el : null;
    if (el === current) return;
    // The reader follows along while the sentence last highlighted is on screen; scrolled
    // away, the page stays where the reader put it.
    if (current) follow = inView(current);
    if (current) current.classList.remove("earmark-current");
    current = el;
    if (!el) return;
    if (!skipping()) openSpoiler(el);
    el.classList.add("earmark-current");
    if (el.earmarkCue) rove(el);
    if ((follow || forceScroll) && !fullyInView(el)) scrollTo(el);
    forceScroll = false;
  }

  var shownSecond = -1;
  var shownChapter = null;
  var chapterLinks = Array.from(document.querySelectorAll(".chapters a[data-chapter]"));
  function update() {
    var t = audio.currentTime;
    var total = duration();
    var second = Math.floor(t);
    if (second !== shownSecond) {
      shownSecond = second;
      slider.setAttribute("aria-valuenow", String(Math.min(second, Math.floor(total))));
      slider.setAttribute("aria-valuemax", String(Math.floor(total)));
      slider.setAttribute("aria-valuetext", spoken(t) + " of " + spoken(total));
      timeText.textContent = clock(t) + " / " + clock(total);
    }
    slider.style.setProperty("--position", String(total ? Math.min(1, t / total) : 0));
    var ch = chapterAt(t);
    if (ch && ch !== shownChapter) {
      shownChapter = ch;
      chapterName.textContent = ch.title;
      chapterLinks.forEach(function (a) {
        if (a.dataset.chapter === ch.id) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      });
    }
    highlight();
  }

  function tick() {
    guard();
    update();
    if (!audio.paused) window.requestAnimationFrame(tick);
  }

  function seek(t) {
    var back = t < audio.currentTime;
    audio.currentTime = Math.max(0, Math.min(duration(), t));
    guard(back);
    update();
  }

  function playFrom(t) {
    forceScroll = true;
    seek(t);
    if (audio.currentTime < duration()) audio.play();
  }

  function togglePlay() {
    if (audio.paused) {
      if (audio.ended || audio.currentTime >= duration()) audio.currentTime = 0;
      guard();
      audio.play();
    } else {
      audio.pause();
    }
  }

  function showPlaying() {
    var playing = !audio.paused;
    playButton.querySelector(".label").textContent = playing ? "Pause" : "Play";
    playButton.querySelector(".icon").textContent = playing ? "❚❚" : "▶";
  }

  // --- the player ---------------------------------------------------------------------------

  audio.removeAttribute("controls");
  player.hidden = false;
  playButton.addEventListener("click", togglePlay);
  document.getElementById("earmark-back").addEventListener("click", function () {
    seek(audio.currentTime - JUMP);
  });
  document.getElementById("earmark-forward").addEventListener("click", function () {
    seek(audio.currentTime + JUMP);
  });
  speed.addEventListener("change", function () {
    audio.playbackRate = Number(speed.value);
    audio.defaultPlaybackRate = Number(speed.value);
    schedule();
  });

  slider.addEventListener("keydown", function (event) {
    var t = audio.currentTime;
    var moves = {
      ArrowRight: t + STEP, ArrowUp: t + STEP, ArrowLeft: t - STEP, ArrowDown: t - STEP,
      PageUp: t + PAGE, PageDown: t - PAGE, Home: 0, End: duration()
    };
    if (event.key in moves) {
      seek(moves[event.key]);
    } else if (event.key === " " || event.key === "Enter") {
      togglePlay();
    } else {
      return;
    }
    event.preventDefault();
  });

  function seekToPointer(event) {
    var rect = slider.getBoundingClientRect();
    var fraction = Math.max(0, Math.min(1, (event.clientX - rect.left) / rect.width));
    seek(fraction * duration());
  }
  slider.addEventListener("pointerdown", function (event) {
    slider.setPointerCapture(event.pointerId);
    slider.focus();
    seekToPointer(event);
  });
  slider.addEventListener("pointermove", function (event) {
    if (slider.hasPointerCapture(event.pointerId)) seekToPointer(event);
  });

  audio.addEventListener("play", function () {
    guard();
    showPlaying();
    schedule();
    window.requestAnimationFrame(tick);
  });
  audio.addEventListener("pause", function () { showPlaying(); update(); });
  audio.addEventListener("ended", showPlaying);
  audio.addEventListener("seeking", function () { guard(); update(); schedule(); });
  audio.addEventListener("timeupdate", function () { guard(); update(); });
  audio.addEventListener("ratechange", schedule);
  audio.addEventListener("loadedmetadata", update);

  // --- chapters -----------------------------------------------------------------------------

  chapterLinks.forEach(function (link) {
    link.addEventListener("click", function () {
      var ch = chapters.find(function (c) { return c.id === link.dataset.chapter; });
      if (!ch) return;
      // The link itself scrolls the text; the audio follows (and skips, when asked to).
      if (ch.spoiler && skipping()) {
        announce(ch.title + " is skipped while Skip spoilers is on. Turn it off to listen.");
        seek(rangeAt(ch.start).end);
        return;
      }
      seek(ch.start);
    });
  });

  // --- Skip spoilers ------------------------------------------------------------------------

  function setSkipping(on, say) {
    if (!skipBox) return;
    skipBox.checked = on;
    try {
      window.localStorage.setItem(STORE, on ? "on" : "off");
    } catch (e) {
      // Storage can be unavailable (privacy settings); the switch still works for this visit.
    }
    if (on) {
      document.querySelectorAll("details.spoiler[open]").forEach(function (box) {
        box.open = false;
      });
      var stop = sentences.find(function (s) { return s.tabIndex === 0; });
      var shown = visibleSentences();
      if (stop && shown.indexOf(stop) < 0 && shown.length) rove(shown[0]);
      guard();
    }
    schedule();
    if (say) {
      announce(on ? "Skip spoilers on: spoiler chapters are skipped and their text is hidden."
        : "Skip spoilers off: spoiler chapters play.");
    }
  }

  if (skipBox) {
    document.getElementById("earmark-skip-spoilers").hidden = false;
    var stored = null;
    try {
      stored = window.localStorage.getItem(STORE);
    } catch (e) {
      stored = null;
    }
    setSkipping(stored !== "off", false);
    skipBox.addEventListener("change", function () { setSkipping(skipBox.checked, true); });
  }

  // --- read-along: a sentence plays from where it is spoken ---------------------------------

  function rove(el) {
    sentences.forEach(function (s) { s.tabIndex = -1; });
    el.tabIndex = 0;
  }

  function visibleSentences() {
    return sentences.filter(function (s) { return s.getClientRects().length > 0; });
  }

  text.addEventListener("click", function (event) {
    var el = event.target.closest(".earmark-sentence");
    if (!el || event.target.closest("a")) return;
    if (String(window.getSelection())) return; // selecting text is not a request to play
    rove(el);
    playFrom(el.earmarkCue.start);
  });

  text.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.classList || !el.classList.contains("earmark-sentence")) return;
    var list = visibleSentences();
    var at = list.indexOf(el);
    var target = null;
    if (event.key === "Enter" || event.key === " ") {
      playFrom(el.earmarkCue.start);
    } else if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      target = list[Math.min(list.length - 1, at + 1)];
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
      target = list[Math.max(0, at - 1)];
    } else {
      return;
    }
    event.preventDefault();
    if (target) {
      rove(target);
      target.focus();
    }
  });

  update();
})();
