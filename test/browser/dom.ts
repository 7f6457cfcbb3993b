/**
 * The few DOM shapes the in-page checks (page.evaluate callbacks) use. The Node-side tsconfig has no
 * DOM lib, and adding it would change the globals for the whole project; files that evaluate code in
 * the page declare `document` and `getComputedStyle` with these types, in their own module scope.
 */
export interface DomRect {
  top: number;
  width: number;
  height: number;
}

export interface DomElement {
  id: string;
  tagName: string;
  textContent: string | null;
  hidden: boolean;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): DomRect;
}

export interface DomFormControl extends DomElement {
  type: string;
  name: string;
  labels: { length: number } | null;
}

export interface DomDocument {
  documentElement: DomElement & { lang: string; dir: string; scrollWidth: number; clientWidth: number };
  activeElement: DomElement | null;
  fonts: { ready: Promise<unknown> };
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomStyle {
  visibility: string;
  outlineStyle: string;
  outlineWidth: string;
}
