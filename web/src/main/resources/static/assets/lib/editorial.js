// Words for articles in the editor console.
export const ARTICLE_STATUSES = [
  ['DRAFT', '草稿'], ['SCHEDULED', '定时发布'], ['PUBLISHED', '已发布'], ['ARCHIVED', '已下线'],
];

/** The taxonomy's leaves with their path, for a category picker: [{key, name, group}] */
export function leaves(tree, trail = []) {
  return tree.flatMap((node) => (node.children?.length
    ? leaves(node.children, [...trail, node.name])
    : [{ key: node.key, name: node.name, group: trail.join(' / ') }]));
}
