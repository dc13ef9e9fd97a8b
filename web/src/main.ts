import './styles.css';
import { loginView } from './auth/login-view.js';
import { Session } from './auth/session.js';
import { Dashboard } from './views/dashboard.js';

const root = document.getElementById('app') as HTMLElement;
const session = new Session();
let dashboard: Dashboard | undefined;

/** Shows the login screen or the dashboard, whichever the session calls for. */
function render(): void {
  if (session.current && !dashboard) {
    dashboard = new Dashboard(session);
    root.replaceChildren(dashboard.element);
    dashboard.start();
  } else if (!session.current) {
    dashboard?.stop();
    dashboard = undefined;
    root.replaceChildren(loginView(session));
  }
}

session.onChange(render);
render();
