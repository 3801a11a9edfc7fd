// The site's sections, read from article-service's /api/categories: the taxonomy's one source. Nothing here names a
// category; the newsletter topics follow the tree.
import { api } from './api.js';

let loading;

/** The tree [{key, name, children}], read once per page; [] when it cannot be read (the page still works). */
export function taxonomy() {
  if (!loading) {
    loading = api('/api/categories').then((answer) => answer.data || []).catch(() => []);
  }
  return loading;
}

const isLeaf = (category) => !category.children || category.children.length === 0;

/** The leaves of the tree's first group (AI 资讯) as [key, name]. */
export function firstGroupLeaves(tree) {
  const leaves = [];
  const visit = (category) => (isLeaf(category) ? leaves.push([category.key, category.name]) : category.children.forEach(visit));
  if (tree[0]) visit(tree[0]);
  return leaves;
}

/** Newsletter topics: the first group's leaves one by one, every other top-level group as a whole. */
export function topicChoices(tree) {
  return [...firstGroupLeaves(tree), ...tree.slice(1).map((group) => [group.key, group.name])];
}
