/** The shell's binding, as the tests call it from inside the renderer. */
interface Window {
  coffer?: (message: unknown) => Promise<unknown>;
}
