import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/styles/global.css';
import './ui/styles/panel.css';
import './ui/styles/layout.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });

// Offline use (src/build/serviceWorker.ts): the built page caches its own files once loaded. A
// browser that refuses (a private window, blocked service workers, file://) still runs the page
// online; nothing to report.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => undefined);
  });
}
