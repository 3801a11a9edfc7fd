// Unsaved edits kept in this browser (localStorage) while the editor types, so a closed tab, a crash or a refused
// save loses nothing. Deliberately not on the server: every save there is a revision, and revisions should record
// what an editor chose to save (article-service offers no autosave endpoint).
const PREFIX = 'accesspath.draft.';

/** The kept draft {savedAt, version, fields} under this key, or null. */
export function keptDraft(key) {
  try {
    const draft = JSON.parse(localStorage.getItem(PREFIX + key));
    return draft && typeof draft === 'object' && draft.fields ? draft : null;
  } catch {
    return null;
  }
}

/**
 * Keeps snapshot() ({version, fields}) under the key at most `delay` ms after a change, while isDirty() says the form
 * differs from what the server has, and forgets it once it no longer does. changed() after every edit; flush() to
 * keep it now (before leaving the page); discard() after a save.
 */
export function autosave(key, snapshot, isDirty, { delay = 5000 } = {}) {
  let timer = null;
  const keeper = {
    changed() {
      if (!timer) timer = setTimeout(keeper.flush, delay);
    },
    flush() {
      clearTimeout(timer);
      timer = null;
      try {
        if (isDirty()) localStorage.setItem(PREFIX + key, JSON.stringify({ savedAt: new Date().toISOString(), ...snapshot() }));
        else localStorage.removeItem(PREFIX + key);
      } catch {
        // Storage full or switched off: the page still works, only without the safety net.
      }
    },
    discard() {
      clearTimeout(timer);
      timer = null;
      localStorage.removeItem(PREFIX + key);
    },
  };
  return keeper;
}
