// What the sales console's pages share: the roster of sales people and revealing a lead's contact.
import { h, toast } from './dom.js';
import { api } from './api.js';
import { explain } from './console.js';

/**
 * The roster of sales people ([{id, name}]) and a way to name one: an id the roster no longer has is shown as it is.
 * An empty roster when it cannot be read: the pages still work with ids.
 */
export async function roster() {
  const people = await api('/api/admin/leads/assignees', { auth: true }).then((r) => r.data).catch(() => []);
  const names = new Map((Array.isArray(people) ? people : []).map((p) => [p.id, p.name || p.id]));
  return { people: [...names].map(([id, name]) => ({ id, name })), name: (id) => (id ? names.get(id) || id : null) };
}

/** A contact's phone and email as links that call and write. */
export function contactLinks(contact) {
  const links = [
    contact?.phone ? h('a', { href: `tel:${contact.phone}`, class: 'mono' }, contact.phone) : null,
    contact?.email ? h('a', { href: `mailto:${contact.email}` }, contact.email) : null,
  ].filter(Boolean);
  return h('span', { class: 'contact-links' }, links.length ? links : h('span', { class: 'muted' }, '—'));
}

/**
 * A button that shows the lead's full phone and email in place of what target shows (POST .../contact: the lead's
 * history records who asked, REVEALED).
 */
export function revealButton(lead, target, text = '查看') {
  return h('button', {
    type: 'button', class: 'link-button reveal', dataset: { id: lead.id },
    'aria-label': `查看 ${lead.contact?.name || '联系人'} 的完整联系方式`,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const { data } = await api(`/api/admin/leads/${encodeURIComponent(lead.id)}/contact`, { method: 'POST', auth: true });
        const links = contactLinks(data);
        links.setAttribute('role', 'status');
        target.replaceChildren(links);
      } catch (error) {
        button.disabled = false;
        toast(explain(error, '这条线索'), 'error');
      }
    },
  }, text);
}
