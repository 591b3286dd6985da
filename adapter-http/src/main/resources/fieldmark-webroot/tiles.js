'use strict';
// One sighting as a tile: its photo (the preview of the whole photo, else the crop of the located
// bird, else the photo itself), species, probability, time and camera, a link to the species card,
// and the "wrong bird?" correction: a small labelled form (no prompt), usable from the keyboard.
// The gallery and the species card's recent photos are made of these.
window.fieldmarkTiles = (function () {
  const f = window.fieldmark;
  let forms = 0;

  function article(name) {
    return /^(?!eu|uni|one)[aeiou]/i.test(name) ? 'an ' : 'a ';
  }

  // "a Northern Cardinal, 0.94, feeder, 12:03": what the photo shows, as its alt text says it.
  function describe(s) {
    const what = s.countsAs ? article(s.countsAs.displayName) + s.countsAs.displayName : 'no bird (corrected)';
    return [what, s.probability.toFixed(2), s.source, f.clock(s.time)].join(', ');
  }

  // Where a tile, which crops the whole photo to its frame, centres it: on the located bird.
  function focus(region) {
    if (!region || region.wholeFrame) { return ''; }
    const centre = (start, size) => (Math.max(0, Math.min(1, start + size / 2)) * 100).toFixed(1) + '%';
    return centre(region.left, region.relativeWidth) + ' ' + centre(region.top, region.relativeHeight);
  }

  // The photos to try, best first, each with its alt text.
  function sources(s) {
    const what = describe(s);
    const position = focus(s.region);
    const list = [];
    if (s.previewUrl) { list.push({ src: s.previewUrl, alt: 'Photo of ' + what, position }); }
    if (s.thumbnailUrl) { list.push({ src: s.thumbnailUrl, alt: 'Close-up of ' + what }); }
    if (s.photoUrl) { list.push({ src: s.photoUrl, alt: 'Photo of ' + what, position }); }
    // A server without the photo store (no photoUrl member) still shows folder photos by their key.
    if (!('photoUrl' in s) && s.key) {
      list.push({ src: '/v1/images?key=' + encodeURIComponent(s.key), alt: 'Photo of ' + what, position });
    }
    return list;
  }

  function nameOf(s) {
    return s.countsAs ? s.countsAs.displayName : s.displayName;
  }

  // The correction form, hidden until "wrong bird?" opens it; `correct(body)` sends the review.
  function correction(s, correct, names) {
    const id = 'correct-' + (++forms);
    const button = f.text('button', 'wrong', 'Wrong bird?');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', id);
    button.setAttribute('aria-label', 'Wrong bird? Correct the ' + nameOf(s) + ' of ' + f.clock(s.time));
    const form = f.text('form', 'correct');
    form.id = id;
    form.hidden = true;
    const label = f.text('label', '', 'Which bird was it?');
    label.htmlFor = id + '-name';
    const input = f.text('input');
    input.id = id + '-name';
    input.name = 'label';
    input.required = true;
    input.autocomplete = 'off';
    input.placeholder = 'e.g. House Sparrow';
    if (names) { input.setAttribute('list', names); }
    const save = f.text('button', 'save', 'Correct');
    save.type = 'submit';
    const noBird = f.text('button', 'not-bird', 'Not a bird');
    noBird.type = 'button';
    const cancel = f.text('button', 'cancel', 'Cancel');
    cancel.type = 'button';
    const status = f.text('p', 'correct-status');
    status.setAttribute('role', 'status');
    const actions = f.text('div', 'correct-actions');
    actions.append(save, noBird, cancel);
    form.append(label, input, actions, status);

    function open(show) {
      form.hidden = !show;
      button.setAttribute('aria-expanded', String(show));
      (show ? input : button).focus();
    }
    async function send(body) {
      status.textContent = 'Saving…';
      const error = await correct(s, body);
      status.textContent = error || '';
      if (!error) { open(false); }
    }
    button.addEventListener('click', () => open(form.hidden));
    cancel.addEventListener('click', () => open(false));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { open(false); } });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (input.value.trim()) { send({ label: input.value.trim() }); }
    });
    noBird.addEventListener('click', () => send({ notABird: true }));
    return [button, form];
  }

  // A tile for sighting `s`. options: photos (a photo cache), correct(s, body) -> error text or '',
  // names (the id of a datalist of species names), extra(s) -> more controls (the card's "pin").
  function tile(s, options) {
    const li = f.text('li', 'tile');
    li.dataset.id = s.id;
    const slot = f.text('div', 'tile-photo');
    slot.appendChild(f.text('span', 'no-photo', 'no photo'));
    f.showPhoto(options.photos, slot, sources(s));
    const body = f.text('div', 'tile-body');
    const heading = f.text('h3', 'tile-species');
    if (s.countsAs) {
      const link = f.text('a', '', s.countsAs.displayName);
      link.href = f.speciesHref(s.countsAs.scientificName);
      heading.appendChild(link);
    } else {
      heading.appendChild(f.text('span', 'no-bird', s.displayName));
    }
    const meta = f.text('p', 'tile-meta');
    const probability = f.text('span', 'probability', s.probability.toFixed(2));
    probability.title = 'probability the model gave';
    const time = f.text('time', '', f.clock(s.time));
    time.dateTime = s.time;
    time.title = new Date(s.time).toLocaleString();
    meta.append(probability, ' · ', time, ' · ', f.text('span', 'source', s.source));
    body.append(heading, meta);
    if (s.review) {
      body.appendChild(f.text('p', 'reviewed', s.review.notABird ? 'corrected: not a bird'
        : 'corrected (the model said ' + s.displayName + ')'));
    }
    const deliveries = window.fieldmarkDeliveries ? window.fieldmarkDeliveries(s.deliveries) : null;
    if (deliveries) { body.appendChild(deliveries); }
    const controls = f.text('div', 'tile-controls');
    if (options.correct) { controls.append(...correction(s, options.correct, options.names)); }
    if (options.extra) { controls.append(...options.extra(s)); }
    body.appendChild(controls);
    li.append(slot, body);
    return li;
  }

  // Every address a tile of `s` may show, for the photo cache to keep.
  function photoSources(s) {
    return sources(s).map((source) => source.src);
  }

  // Sends a correction; the error's sentence, or '' when it was taken.
  async function review(s, body) {
    try {
      const response = await f.request('/v1/sightings/' + encodeURIComponent(s.id) + '/review', {
        method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }
      });
      return response.ok ? '' : await f.problemText(response);
    } catch (e) {
      return 'Could not reach the Fieldmark server: ' + e.message;
    }
  }

  return { tile, photoSources, review, describe };
})();
