// The RetouchPlugins page: everything it shows about effects comes from GET /api/effects (no effect is named
// here), every call carries this launch's token, and nothing is loaded from anywhere but this host.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = id => document.getElementById(id);

const state = {
  host: null,
  effects: [],
  effect: null,          // the chosen effect's descriptor
  values: {},            // parameter values by name for the chosen effect
  session: null,
  analysed: false,
  layers: [],            // [{name, kind, visible, opacity, bitmap, tinted}] of what is shown, bottom first
  layerPrefs: {},        // visibility/opacity/order the user chose, by layer name, kept across renders
  order: [],             // layer names, bottom first, as the user arranged them
  fullRender: null,      // the last full-resolution render (export and save use it)
  fullKey: null,         // the settings it was rendered with
  job: null,             // the running full-resolution job
  faces: [],
  previewBusy: false,
  previewAgain: false,
  finished: false,       // open mode: saved or closed; the page no longer talks to the host
  points: [],            // the chosen effect's points parameters [{name, input, colour}], in the catalog's order
  clickTarget: null,     // the one of them a click on the photo adds to (the first, until another is chosen)
};

// The rings' colours, one per points parameter of an effect (heal: yellow, keep: cyan).
const pointColours = ['#ffd400', '#00d4ff', '#ff5cf0'];

// ---- API -------------------------------------------------------------------------------------------------

async function api(method, path, body, raw) {
  const headers = { Authorization: `Bearer ${token}` };
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).error || message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

async function bitmapOf(url) {
  const response = await api('GET', url, undefined, true);
  return createImageBitmap(await response.blob());
}

// A render's layer as raw RGBA (no PNG to encode or decode: that would cost more than the preview render).
async function layerBitmap(url) {
  const response = await api('GET', `${url}?format=rgba`, undefined, true);
  const width = Number(response.headers.get('X-Image-Width')), height = Number(response.headers.get('X-Image-Height'));
  const pixels = new Uint8ClampedArray(await response.arrayBuffer());
  return createImageBitmap(new ImageData(pixels, width, height));
}

async function pollJob(job, onProgress) {
  while (job.state === 'running') {
    onProgress(job.progress);
    await new Promise(r => setTimeout(r, 200));
    job = await api('GET', `/api/jobs/${job.id}`);
  }
  onProgress(job.progress);
  return job;
}

function status(text) { if (!state.finished) $('status').textContent = text; }

// ---- Effects and parameters, generated from the catalog ----------------------------------------------------

function buildEffectList() {
  const select = $('effect');
  select.replaceChildren(...state.effects.map(e => new Option(e.plugin ? `${e.label} — plugin ${e.plugin.file}` : e.label, e.id)));
  select.disabled = false;
  select.onchange = () => chooseEffect(select.value);
  chooseEffect(state.effects[0].id);
}

function chooseEffect(id) {
  state.effect = state.effects.find(e => e.id === id);
  state.values = {};
  state.points = [];
  state.clickTarget = null;
  $('effect-summary').textContent = state.effect.summary;
  const form = $('parameters');
  form.replaceChildren();
  for (const p of state.effect.parameters) {
    if (!p.overHttp) continue; // analysis-level parameters: a session analyses its photo once
    const row = document.createElement('div');
    row.className = 'parameter';
    row.title = p.help;
    const label = document.createElement('label');
    const name = document.createElement('span');
    name.textContent = p.label;
    label.append(name);
    let input;
    if (p.kind === 'toggle') {
      input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = p.default !== 0;
      input.onchange = () => { state.values[p.name] = input.checked; changed(); };
      label.prepend(input);
      row.append(label);
    } else if (p.kind === 'number' || p.kind === 'integer') {
      const out = document.createElement('output');
      input = document.createElement('input');
      Object.assign(input, { type: 'range', min: p.min, max: p.max, step: p.step, value: p.default });
      const show = () => { out.textContent = p.kind === 'integer' ? input.value : Number(input.value).toFixed(2); };
      show();
      input.oninput = () => { show(); state.values[p.name] = Number(input.value); changed(); };
      label.append(out);
      row.append(label, input);
    } else if (p.kind === 'file') {
      // The file goes to the host's upload area; the parameter's value is the id the host gives back, never a path.
      input = document.createElement('input');
      Object.assign(input, { type: 'file', accept: fileTypes[p.role] || '' });
      const chosen = document.createElement('output');
      chosen.textContent = p.required ? 'required' : 'none';
      input.onchange = guard(async () => {
        const file = input.files[0];
        if (!file) return;
        status(`uploading ${file.name}…`);
        const uploaded = await api('POST', `/api/files?role=${encodeURIComponent(p.role)}&name=${encodeURIComponent(file.name)}`, file);
        state.values[p.name] = uploaded.id;
        chosen.textContent = uploaded.name;
        status(`${uploaded.name} uploaded`);
        changed();
      });
      label.append(chosen);
      row.append(label, input);
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.onchange = () => { state.values[p.name] = input.value; changed(); };
      row.append(label, input);
      if (p.points) {
        // Points in the photo's pixels: a click on the photo adds one to the chosen points parameter (the preview is
        // smaller; the host scales them). Each parameter's points are drawn as rings of its own colour.
        const target = { name: p.name, input, colour: pointColours[state.points.length % pointColours.length] };
        state.points.push(target);
        state.clickTarget ??= target;
        input.placeholder = 'click the photo to add one';
        input.onchange = () => setPoints(target, input.value);
        const choose = document.createElement('input');
        choose.type = 'radio';
        choose.name = 'click-target';
        choose.checked = state.clickTarget === target;
        choose.onchange = () => { state.clickTarget = target; };
        choose.setAttribute('aria-label', `clicks add to ${p.label}`);
        choose.style.accentColor = target.colour;
        name.prepend(choose);
        row.append(button('clear', `clear ${p.label}`, () => setPoints(target, '')));
      }
    }
    input.name = p.name;
    input.setAttribute('aria-label', p.label);
    form.append(row);
  }
  $('reset').disabled = false;
  $('reset').onclick = () => chooseEffect(state.effect.id);
  changed();
}

// What a file picker offers for each file role of the catalog (GET /api/effects gives the role).
const fileTypes = { image: 'image/jpeg,image/png,image/tiff,image/webp', mask: 'image/png,image/jpeg,image/tiff', landmarks: '.json,application/json', onnxModel: '.onnx' };

function settingsKey() { return JSON.stringify([state.effect.id, state.values]); }

function changed() {
  updateButtons();
  if (state.analysed) schedulePreview();
}

function updateButtons() {
  const ready = !!state.session && !!state.effect;
  const current = state.fullRender && state.fullKey === settingsKey();
  $('render').disabled = !ready || !!state.job;
  $('cancel').disabled = !state.job;
  $('export').disabled = !current || !!state.job;
  $('save').disabled = !ready || !!state.job;
  $('render-text').textContent = state.job ? 'rendering…' : current ? `ready: ${state.fullRender.width} x ${state.fullRender.height}`
    : state.fullRender ? 'settings changed since the last render' : '';
}

// ---- Opening a photo and the analysis ----------------------------------------------------------------------

async function openUpload(file) {
  status(`uploading ${file.name}…`);
  const session = await api('POST', `/api/sessions?name=${encodeURIComponent(file.name)}`, file);
  await openSession(session);
}

async function openSession(session) {
  Object.assign(state, { session, analysed: false, fullRender: null, fullKey: null, faces: [] });
  $('photo-name').textContent = `${session.name} — ${session.width} x ${session.height}, ${session.bitsPerSample}-bit`
    + (session.colours ? ` (${session.colours})` : '');
  const original = await bitmapOf(`/api/sessions/${session.id}/original?maxSize=${previewSize()}`);
  state.layers = [{ name: 'Original', kind: 'original', visible: true, opacity: 1, bitmap: original, width: original.width, height: original.height }];
  renderLayerPanel();
  draw();
  updateButtons();
  await analyse();
}

async function analyse() {
  const id = state.session.id;
  $('analysis-text').textContent = 'finding faces…';
  status('analysing…');
  const job = await pollJob(await api('POST', `/api/sessions/${id}/analysis`), p => { $('analysis-progress').value = p; });
  if (job.state !== 'done') { $('analysis-text').textContent = `analysis ${job.state}: ${job.error || ''}`; status(''); return; }
  const analysis = await api('GET', `/api/sessions/${id}/analysis`);
  state.faces = analysis.faces.map(f => ({ ...f, scaleFrom: analysis.width }));
  state.analysed = true;
  $('analysis-text').textContent = `${analysis.faces.length} face(s) found`;
  status('');
  schedulePreview();
}

// ---- Live preview ------------------------------------------------------------------------------------------

function previewSize() {
  const v = $('viewport');
  return Math.max(64, Math.round(Math.max(v.clientWidth, v.clientHeight) * (window.devicePixelRatio || 1)));
}

// One preview at a time; moves during a render ask for one more with the latest values (never a queue).
function schedulePreview() {
  if (state.finished) return;
  if (state.previewBusy) { state.previewAgain = true; return; }
  state.previewBusy = true;
  preview().catch(e => status(e.message)).finally(() => {
    state.previewBusy = false;
    if (state.previewAgain) { state.previewAgain = false; schedulePreview(); }
  });
}

async function preview() {
  const started = performance.now();
  const render = await api('POST', `/api/sessions/${state.session.id}/previews`,
    { effect: state.effect.id, parameters: state.values, maxSize: previewSize() });
  if (state.finished) return; // saved or closed while this preview rendered
  await showRender(render);
  document.body.dataset.previews = Number(document.body.dataset.previews || 0) + 1; // for tests and scripts driving the page
  $('preview-time').textContent = `preview ${render.width} x ${render.height}: render ${render.renderMs.toFixed(0)} ms, ` +
    `shown after ${(performance.now() - started).toFixed(0)} ms` + (render.message ? ` — ${render.message}` : '');
}

async function showRender(render) {
  const previous = state.layers;
  const layers = render.layers.map(l => {
    const prefs = state.layerPrefs[l.name] || {};
    const entry = { name: l.name, kind: l.kind, url: l.url, visible: prefs.visible ?? l.visible, opacity: prefs.opacity ?? 1,
      bitmap: null, tinted: null, width: render.width, height: render.height };
    // The original at this size is the same picture every preview: keep the one already shown.
    const same = previous.find(p => p.kind === 'original' && p.bitmap && p.bitmap.width === render.width && p.bitmap.height === render.height);
    if (l.kind === 'original' && same) entry.bitmap = same.bitmap;
    return entry;
  });
  const names = layers.map(l => l.name);
  state.order = state.order.filter(n => names.includes(n));
  for (const n of names) if (!state.order.includes(n)) state.order.push(n);
  const shown = state.order.map(n => layers.find(l => l.name === n));
  await loadNeeded(shown);
  if (state.finished) return;
  state.layers = shown;
  renderLayerPanel();
  draw();
}

// Fetches only what is drawn: visible layers, and the original when the before/after split shows it.
async function loadNeeded(layers) {
  const split = Number($('split').value) > 0;
  await Promise.all(layers.filter(l => !l.bitmap && l.url && (l.visible || (split && l.kind === 'original'))).map(async l => {
    l.bitmap = await layerBitmap(l.url);
    if (l.kind === 'mask') l.tinted = tint(l.bitmap);
  }));
}

function redraw() { loadNeeded(state.layers).then(draw).catch(e => status(e.message)); }

// A grey mask as a red overlay whose alpha is the mask value, so the photo stays visible under it.
function tint(bitmap) {
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = c.getContext('2d');
  g.drawImage(bitmap, 0, 0);
  const data = g.getImageData(0, 0, c.width, c.height);
  const px = data.data;
  for (let i = 0; i < px.length; i += 4) { const m = px[i]; px[i] = 255; px[i + 1] = 40; px[i + 2] = 80; px[i + 3] = m * 0.7; }
  g.putImageData(data, 0, 0);
  return c;
}

// ---- Drawing: layers bottom first, the original left of the split, face boxes on top ------------------------

function draw() {
  if (state.finished) return;
  document.body.dataset.draws = Number(document.body.dataset.draws || 0) + 1;
  const canvas = $('canvas');
  const base = state.layers.find(l => l.bitmap);
  if (!base) return;
  canvas.width = base.width || base.bitmap.width;
  canvas.height = base.height || base.bitmap.height;
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  for (const l of state.layers) {
    if (!l.visible || l.opacity <= 0 || !l.bitmap) continue;
    g.globalAlpha = l.opacity;
    g.drawImage(l.tinted || l.bitmap, 0, 0, canvas.width, canvas.height);
  }
  g.globalAlpha = 1;
  const split = Number($('split').value) / 100 * canvas.width;
  const original = state.layers.find(l => l.kind === 'original');
  if (split > 0 && original?.bitmap) {
    g.drawImage(original.bitmap, 0, 0, split * original.bitmap.width / canvas.width, original.bitmap.height, 0, 0, split, canvas.height);
    g.fillStyle = '#fff';
    g.fillRect(Math.round(split) - 1, 0, 2, canvas.height);
  }
  if (state.session) {
    // The points given so far, as rings where they are on the photo, each parameter's in its colour.
    const s = canvas.width / state.session.width;
    g.lineWidth = Math.max(1.5, canvas.width / 800);
    for (const target of state.points) {
      g.strokeStyle = target.colour;
      for (const [x, y] of parsePoints(target.input.value)) {
        g.beginPath();
        g.arc(x * s, y * s, ringRadius(canvas), 0, 2 * Math.PI);
        g.stroke();
      }
    }
  }
  if ($('show-faces').checked) {
    g.strokeStyle = '#4f8cff';
    g.lineWidth = Math.max(2, canvas.width / 600);
    for (const f of state.faces) {
      const s = canvas.width / f.scaleFrom;
      g.strokeRect(f.x * s, f.y * s, f.width * s, f.height * s);
    }
  }
}

// "x,y; x,y" as [[x, y], ...], skipping what is not a point (the host names those).
function parsePoints(text) {
  return (text || '').split(';').map(e => e.split(',').map(Number)).filter(p => p.length === 2 && p.every(Number.isFinite));
}

// A click on the photo adds a point to the points parameter chosen for clicks, in the photo's full-size pixels; a click
// on one of its rings takes that point away again (a misplaced click).
function addPoint(event) {
  const target = state.clickTarget;
  if (!target || !state.session || !state.analysed) return;
  const canvas = $('canvas');
  const r = canvas.getBoundingClientRect();
  const x = (event.clientX - r.left) / r.width * state.session.width;
  const y = (event.clientY - r.top) / r.height * state.session.height;
  const points = parsePoints(target.input.value);
  // The ring's radius (draw) in photo pixels.
  const ring = ringRadius(canvas) * state.session.width / canvas.width;
  const hit = points.findIndex(([px, py]) => Math.hypot(px - x, py - y) <= ring);
  if (hit >= 0) {
    points.splice(hit, 1);
    setPoints(target, points.map(([px, py]) => `${px},${py}`).join('; '));
  } else {
    // Appended to the text as typed: an entry that is not a point stays for the host to name.
    setPoints(target, [target.input.value.trim(), `${Math.round(x)},${Math.round(y)}`].filter(Boolean).join('; '));
  }
}

// A point's ring on the canvas, in canvas pixels.
function ringRadius(canvas) { return Math.max(4, canvas.width / 150); }

// A points parameter's text set (typed, clicked or cleared): the field, the value sent (none when empty), the rings.
function setPoints(target, text) {
  const { name, input } = target;
  input.value = text;
  if (text) state.values[name] = text; else delete state.values[name];
  changed();
  draw();
}

function renderLayerPanel() {
  const list = $('layers');
  list.replaceChildren(...state.layers.map((l, i) => {
    const li = document.createElement('li');
    li.dataset.layer = l.name;
    const row = document.createElement('div');
    row.className = 'row';
    const eye = document.createElement('input');
    eye.type = 'checkbox';
    eye.checked = l.visible;
    eye.setAttribute('aria-label', `show ${l.name}`);
    eye.onchange = () => { l.visible = eye.checked; remember(l); redraw(); };
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = l.name;
    const up = button('▲', `move ${l.name} up`, () => move(i, 1));
    const down = button('▼', `move ${l.name} down`, () => move(i, -1));
    up.disabled = i === state.layers.length - 1;
    down.disabled = i === 0;
    row.append(eye, name, up, down);
    const opacity = document.createElement('input');
    Object.assign(opacity, { type: 'range', min: 0, max: 1, step: 0.01, value: l.opacity });
    opacity.setAttribute('aria-label', `opacity of ${l.name}`);
    opacity.oninput = () => { l.opacity = Number(opacity.value); remember(l); draw(); };
    li.append(row, opacity);
    return li;
  }));
}

function button(text, label, onclick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.onclick = onclick;
  return b;
}

function remember(l) { state.layerPrefs[l.name] = { visible: l.visible, opacity: l.opacity }; }

function move(i, by) {
  const j = i + by;
  [state.layers[i], state.layers[j]] = [state.layers[j], state.layers[i]];
  state.order = state.layers.map(l => l.name);
  renderLayerPanel();
  draw();
}

// ---- Full resolution: render with progress and cancel, export, save back ------------------------------------

async function renderFull() {
  const key = settingsKey();
  state.job = await api('POST', `/api/sessions/${state.session.id}/renders`, { effect: state.effect.id, parameters: state.values });
  updateButtons();
  try {
    const job = await pollJob(state.job, p => { $('render-progress').value = p; });
    if (job.state !== 'done') { $('render-text').textContent = `render ${job.state}${job.error && job.state !== 'cancelled' ? ': ' + job.error : ''}`; return null; }
    state.fullRender = await api('GET', `/api/sessions/${state.session.id}/renders/${job.renderId}`);
    state.fullKey = key;
    await showRender(state.fullRender); // at 100 % zoom this is the real full-resolution result
    return state.fullRender;
  } finally {
    state.job = null;
    updateButtons();
  }
}

async function cancelRender() {
  if (state.job) await api('DELETE', `/api/jobs/${state.job.id}`);
}

async function exportRender() {
  const format = $('export-format').value;
  status(`exporting ${format}…`);
  const response = await api('POST', `/api/sessions/${state.session.id}/renders/${state.fullRender.id}/export`, { format }, true);
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '')?.[1] || `export.${format}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
  status(`exported ${name}`);
}

async function save() {
  const render = state.fullRender && state.fullKey === settingsKey() ? state.fullRender : await renderFull();
  if (!render) return;
  const saved = await api('POST', `/api/sessions/${state.session.id}/renders/${render.id}/save`);
  finish(`Saved ${saved.file}${saved.layered ? ' with layers' : ''}. You can close this tab.`);
}

// The host has stopped (open mode): the page says what happened, and nothing is left to click.
function finish(text) {
  state.finished = true;
  const p = document.createElement('p');
  p.className = 'finished';
  p.textContent = text;
  document.body.replaceChildren(p);
}

// ---- Start -------------------------------------------------------------------------------------------------

function guard(f) { return (...args) => f(...args).catch(e => status(e.message)); }

async function start() {
  [state.host, state.effects] = await Promise.all([api('GET', '/api/host'), api('GET', '/api/effects')]);
  $('export-format').replaceChildren(...state.host.exportFormats.map(f => new Option(f, f)));
  buildEffectList();
  $('file').onchange = guard(async () => { if ($('file').files[0]) await openUpload($('file').files[0]); });
  $('render').onclick = guard(renderFull);
  $('cancel').onclick = guard(cancelRender);
  $('export').onclick = guard(exportRender);
  $('split').oninput = redraw;
  $('canvas').onclick = addPoint;
  $('show-faces').onchange = draw;
  $('zoom').onchange = () => $('viewport').classList.toggle('actual', $('zoom').checked);
  if (state.host.mode === 'open') {
    $('open-mode').hidden = false;
    $('open-label').hidden = true;
    $('save').onclick = guard(save);
    $('close').onclick = guard(async () => { await api('POST', '/api/close'); finish('Closed without saving.'); });
  }
  if (state.host.sessionId) await openSession(await api('GET', `/api/sessions/${state.host.sessionId}`));
}

guard(start)();
