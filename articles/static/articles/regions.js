// The region tool (热区) of the e-paper desk: regions are rectangles in PDF points
// (origin lower left) drawn over the page picture in an SVG whose viewBox is the
// page in points (origin upper left). Corners drag to resize, the body drags to
// move, "画新热区" draws one; each region links an article found by title.
"use strict";

(function () {
  const tool = document.getElementById("region-tool");
  if (!tool) return;
  const svg = document.getElementById("region-canvas");
  const list = document.getElementById("region-list");
  const status = document.getElementById("region-status");
  const drawButton = document.getElementById("draw-region");
  const options = document.getElementById("article-options");
  const NS = "http://www.w3.org/2000/svg";
  const width = parseFloat(tool.dataset.width);
  const height = parseFloat(tool.dataset.height);
  const placed = JSON.parse(document.getElementById("placed-data").textContent);
  const known = new Map(placed.map((a) => [a.id, a]));
  let selected = -1;
  let drawing = false;
  let drag = null;
  let dirty = false;

  // A region as a box in the picture's coordinates (points, origin upper left).
  function boxOf(points) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => height - p[1]);
    return { l: Math.min(...xs), t: Math.min(...ys), r: Math.max(...xs), b: Math.max(...ys) };
  }
  function pointsOf(box) {
    const round = (v) => Math.round(v * 10) / 10;
    const [l, r] = [round(box.l), round(box.r)];
    const [top, bottom] = [round(height - box.t), round(height - box.b)];
    return [[l, top], [r, top], [r, bottom], [l, bottom]];
  }
  const regions = JSON.parse(document.getElementById("regions-data").textContent).map(
    (r) => ({ article: r.article, title: r.title, status: r.status, proposed: r.proposed, box: boxOf(r.points) })
  );

  function optionLabel(article) {
    return `${article.title} · #${article.id}${article.status ? " · " + article.status : ""}`;
  }
  function fillOptions(articles) {
    options.replaceChildren(
      ...articles.map((a) => {
        const option = document.createElement("option");
        option.value = optionLabel(a);
        return option;
      })
    );
  }
  fillOptions(placed);

  function scale() {
    return width / (svg.getBoundingClientRect().width || width);
  }
  function svgPoint(event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const p = point.matrixTransform(svg.getScreenCTM().inverse());
    return { x: Math.min(Math.max(p.x, 0), width), y: Math.min(Math.max(p.y, 0), height) };
  }
  function element(name, attributes) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    return node;
  }

  function drawShapes() {
    svg.replaceChildren();
    const radius = 7 * scale();
    regions.forEach((region, index) => {
      const { l, t, r, b } = region.box;
      const classes = ["region-shape"];
      if (region.proposed) classes.push("is-proposed");
      if (!region.article) classes.push("is-unlinked");
      if (index === selected) classes.push("is-selected");
      const shape = element("rect", {
        x: l, y: t, width: r - l, height: b - t,
        class: classes.join(" "), "data-index": index,
      });
      shape.addEventListener("pointerdown", (event) => startDrag(event, index, "move"));
      svg.append(shape);
      const label = element("text", {
        x: l + 4 * scale(), y: t + 16 * scale(), class: "region-label",
        "font-size": 15 * scale(),
      });
      label.textContent = String(index + 1);
      svg.append(label);
      if (index !== selected) return;
      const corners = { nw: [l, t], ne: [r, t], se: [r, b], sw: [l, b] };
      for (const [corner, [x, y]] of Object.entries(corners)) {
        const handle = element("circle", {
          cx: x, cy: y, r: radius, class: `region-handle region-handle--${corner}`,
          "data-corner": corner,
        });
        handle.addEventListener("pointerdown", (event) => startDrag(event, index, corner));
        svg.append(handle);
      }
    });
  }

  function drawList() {
    list.replaceChildren(
      ...regions.map((region, index) => {
        const item = document.createElement("li");
        item.className = (region.proposed ? "is-proposed " : "") + (index === selected ? "is-selected" : "");
        item.dataset.index = index;
        const id = `region-article-${index}`;
        const label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = `热区 ${index + 1}${region.proposed ? "（自动标出）" : ""}`;
        const input = document.createElement("input");
        input.type = "text";
        input.id = id;
        input.className = "region-article";
        input.setAttribute("list", "article-options");
        input.placeholder = "输入稿件标题搜索";
        input.autocomplete = "off";
        input.value = region.article ? optionLabel({ id: region.article, title: region.title, status: region.status }) : "";
        input.addEventListener("focus", () => select(index, false));
        input.addEventListener("input", () => linkFromInput(index, input));
        const row = document.createElement("div");
        row.className = "region-list__row";
        const linked = document.createElement("span");
        linked.className = "help";
        linked.textContent = region.article ? "已关联" : "未关联稿件";
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button region-remove";
        remove.textContent = "删除";
        remove.addEventListener("click", () => {
          regions.splice(index, 1);
          selected = -1;
          changed();
        });
        row.append(linked, remove);
        item.append(label, input, row);
        return item;
      })
    );
  }

  let searchTimer = null;
  function linkFromInput(index, input) {
    const match = /#(\d+)/.exec(input.value);
    if (match) {
      const id = Number(match[1]);
      const article = known.get(id);
      regions[index].article = id;
      regions[index].title = article ? article.title : input.value.split(" · ")[0];
      regions[index].status = article ? article.status : "";
      regions[index].proposed = false;
      dirty = true;
      drawShapes();
      input.closest("li").querySelector(".help").textContent = "已关联";
      return;
    }
    regions[index].article = null;
    clearTimeout(searchTimer);
    const term = input.value.trim();
    if (!term) return;
    searchTimer = setTimeout(async () => {
      const response = await fetch(`${tool.dataset.searchUrl}?term=${encodeURIComponent(term)}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const found = (await response.json()).results;
      found.forEach((a) => known.set(a.id, a));
      fillOptions(found);
    }, 200);
  }

  function select(index, focus = true) {
    if (selected === index) return;
    selected = index;
    drawShapes();
    list.querySelectorAll("li").forEach((li) => li.classList.toggle("is-selected", Number(li.dataset.index) === index));
    if (focus && index >= 0) document.getElementById(`region-article-${index}`)?.focus();
  }

  function changed() {
    dirty = true;
    drawShapes();
    drawList();
  }

  function startDrag(event, index, part) {
    if (drawing) return;
    event.preventDefault();
    event.stopPropagation();
    select(index, false);
    const start = svgPoint(event);
    drag = { index, part, start, box: { ...regions[index].box } };
    svg.setPointerCapture(event.pointerId);
  }

  svg.addEventListener("pointerdown", (event) => {
    if (!drawing) {
      select(-1, false);
      return;
    }
    event.preventDefault();
    const start = svgPoint(event);
    regions.push({ article: null, title: "", status: "", proposed: false, box: { l: start.x, t: start.y, r: start.x, b: start.y } });
    drag = { index: regions.length - 1, part: "se", start, box: { l: start.x, t: start.y, r: start.x, b: start.y }, created: true };
    selected = drag.index;
    svg.setPointerCapture(event.pointerId);
    drawShapes();
  });

  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const p = svgPoint(event);
    const box = { ...drag.box };
    const dx = p.x - drag.start.x;
    const dy = p.y - drag.start.y;
    if (drag.part === "move") {
      const w = box.r - box.l;
      const h = box.b - box.t;
      box.l = Math.min(Math.max(box.l + dx, 0), width - w);
      box.t = Math.min(Math.max(box.t + dy, 0), height - h);
      box.r = box.l + w;
      box.b = box.t + h;
    } else {
      if (drag.part.includes("w")) box.l = p.x;
      if (drag.part.includes("e")) box.r = p.x;
      if (drag.part.includes("n")) box.t = p.y;
      if (drag.part.includes("s")) box.b = p.y;
    }
    regions[drag.index].box = {
      l: Math.min(box.l, box.r), r: Math.max(box.l, box.r),
      t: Math.min(box.t, box.b), b: Math.max(box.t, box.b),
    };
    regions[drag.index].proposed = false;
    dirty = true;
    drawShapes();
  });

  function endDrag() {
    if (!drag) return;
    const { index, created } = drag;
    drag = null;
    const box = regions[index].box;
    if (created && (box.r - box.l < 8 || box.b - box.t < 8)) {
      regions.splice(index, 1); // a click, not a drawn box
      selected = -1;
    } else if (created) {
      setDrawing(false);
    }
    drawShapes();
    drawList();
    if (created && regions[index]) document.getElementById(`region-article-${index}`)?.focus();
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  function setDrawing(on) {
    drawing = on;
    drawButton.setAttribute("aria-pressed", String(on));
    svg.classList.toggle("is-drawing", on);
    status.textContent = on ? "在版面上按住鼠标拖出热区。" : status.textContent;
  }
  drawButton.addEventListener("click", () => setDrawing(!drawing));

  function say(message, error = false) {
    status.textContent = message;
    status.classList.toggle("is-error", error);
  }

  document.getElementById("save-regions").addEventListener("click", async () => {
    const unlinked = regions.findIndex((r) => !r.article);
    if (unlinked >= 0) {
      say(`热区 ${unlinked + 1} 还没有关联稿件。`, true);
      select(unlinked);
      return;
    }
    const token = tool.querySelector("input[name=csrfmiddlewaretoken]").value;
    const response = await fetch(tool.dataset.saveUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify({ regions: regions.map((r) => ({ article: r.article, points: pointsOf(r.box) })) }),
    });
    let answer = {};
    try {
      answer = await response.json();
    } catch (error) {
      answer = { error: "保存失败，请重试。" };
    }
    if (!response.ok) {
      say(answer.error || "保存失败，请重试。", true);
      return;
    }
    dirty = false;
    regions.forEach((r) => { r.proposed = false; });
    drawShapes();
    drawList();
    say(answer.message);
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  window.addEventListener("resize", drawShapes);
  drawShapes();
  drawList();
})();
