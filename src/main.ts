import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';
import './ui/panel.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });
