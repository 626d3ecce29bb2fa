// Entry point: styles, then the app in #app.
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/messages.css';
import './styles/login.css';
import { App } from './app';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
void new App(root).start();
