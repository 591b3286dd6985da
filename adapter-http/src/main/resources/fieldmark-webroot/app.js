'use strict';
// Fieldmark page: upload a photo to /v1/classify, show the top five, list recent identifications.
(function () {
  const $ = (id) => document.getElementById(id);
  const drop = $('drop');
  const file = $('file');
  let apiKey = localStorage.getItem('fieldmark-api-key') || '';

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (apiKey) { h['Authorization'] = 'Bearer ' + apiKey; }
    return h;
  }

  async function problemText(response) {
    // Errors come as application/problem+json; show their sentence, never a stack trace.
    try {
      const body = await response.json();
      if (body.detail) { return body.detail; }
      if (body.title) { return body.title; }
    } catch (ignored) { /* not JSON */ }
    return 'The server answered ' + response.status + '.';
  }

  function showError(text) {
    const error = $('error');
    error.textContent = text;
    error.hidden = !text;
  }

  function label(p) {
    return p.label + (p.scientificName ? ' ' : '');
  }

  function renderBars(predictions) {
    const bars = $('bars');
    bars.replaceChildren();
    predictions.forEach((p) => {
      const li = document.createElement('li');
      li.className = 'bar';
      const head = document.createElement('div');
      head.className = 'bar-label';
      const name = document.createElement('span');
      name.className = 'species';
      name.textContent = label(p);
      if (p.scientificName) {
        const sci = document.createElement('em');
        sci.textContent = p.scientificName;
        name.appendChild(sci);
      }
      const value = document.createElement('span');
      value.textContent = (p.probability * 100).toFixed(1) + '%';
      head.append(name, value);
      const track = document.createElement('div');
      track.className = 'bar-track';
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      fill.style.width = Math.max(0, Math.min(100, p.probability * 100)).toFixed(1) + '%';
      track.appendChild(fill);
      li.append(head, track);
      bars.appendChild(li);
    });
  }

  async function identify(photo) {
    showError('');
    if (!photo) { return; }
    $('result').hidden = false;
    $('preview').src = URL.createObjectURL(photo);
    $('message').textContent = 'Identifying ' + photo.name + '…';
    $('bars').replaceChildren();
    const type = photo.type || 'application/octet-stream';
    const url = '/v1/classify?top_k=5&key=' + encodeURIComponent(photo.name);
    try {
      let response = await fetch(url, { method: 'POST', body: photo, headers: headers({ 'Content-Type': type }) });
      if (response.status === 401) {
        apiKey = window.prompt('This Fieldmark server needs its API key:') || '';
        localStorage.setItem('fieldmark-api-key', apiKey);
        response = await fetch(url, { method: 'POST', body: photo, headers: headers({ 'Content-Type': type }) });
      }
      if (!response.ok) {
        $('message').textContent = '';
        showError(await problemText(response));
        return;
      }
      const body = await response.json();
      $('message').textContent = body.message;
      renderBars(body.predictions || []);
      refresh();
    } catch (e) {
      $('message').textContent = '';
      showError('Could not reach the Fieldmark server: ' + e.message);
    }
  }

  function renderRecent(items) {
    const list = $('recent-list');
    $('empty').hidden = items.length > 0;
    list.replaceChildren();
    items.forEach((item) => {
      const li = document.createElement('li');
      const img = document.createElement('img');
      img.alt = '';
      img.loading = 'lazy';
      img.src = '/v1/images?key=' + encodeURIComponent(item.key);
      img.onerror = () => { img.style.visibility = 'hidden'; };
      const text = document.createElement('div');
      const message = document.createElement('div');
      message.className = 'recent-message';
      message.textContent = item.message;
      const when = document.createElement('div');
      when.className = 'when';
      when.textContent = item.modelId ? 'model ' + item.modelId : '';
      text.append(message, when);
      li.append(img, text);
      list.appendChild(li);
    });
  }

  async function refresh() {
    try {
      const response = await fetch('/v1/identifications?limit=20', { headers: headers() });
      if (response.ok) {
        const body = await response.json();
        renderRecent(Array.isArray(body) ? body : (body.items || body.identifications || []));
      }
    } catch (ignored) { /* the next poll tries again */ }
  }

  file.addEventListener('change', () => identify(file.files[0]));
  ['dragenter', 'dragover'].forEach((name) => drop.addEventListener(name, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((name) => drop.addEventListener(name, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    identify(e.dataTransfer.files[0]);
  });
  refresh();
  setInterval(refresh, 1500);
})();
