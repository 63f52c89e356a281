/** A routed screen: its root element and a hook to stop its work (watchers, timers) when left. */
export interface View {
  element: HTMLElement;
  dispose(): void;
}
