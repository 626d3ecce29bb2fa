// A tiny element builder. Text always goes in as text nodes, never as HTML: signal posts and
// channel titles come from strangers on Telegram and must not become markup.

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Listener = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  let value: string | undefined;
  for (const [name, attr] of Object.entries(attrs ?? {})) {
    if (typeof attr === 'function') {
      element.addEventListener(name.replace(/^on/, ''), attr);
    } else if (name === 'value') {
      value = String(attr); // A property, set after the options of a <select> exist.
    } else if (attr === true) {
      element.setAttribute(name, '');
    } else if (attr !== false && attr !== null && attr !== undefined) {
      element.setAttribute(name, String(attr));
    }
  }
  append(element, children);
  if (value !== undefined) (element as unknown as { value: string }).value = value;
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
