export { findChromium, type ChromiumInstall } from './findChromium.js';
