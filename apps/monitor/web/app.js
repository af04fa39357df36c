// @ts-check
/**
 * Entry point: app shell (header, navigation, language toggle, logout) and a small hash router.
 * Routes: #/login, #/inbox[/:alertId], #/wachtlijst, #/regio?from=&to=&groupBy=, #/aanbieder?status=
 * Each view module exports mount(container, ctx) → { update?(ctx), unmount() }.
 */
import { h, replace } from './dom.js';
import { t, getLang, setLang, onLangChange } from './i18n.js';
import { getSession } from './api.js';
import { completeSignIn, signOut } from './auth.js';
import * as loginView from './views/login.js';
import * as inboxView from './views/inbox.js';
import * as regionalView from './views/regional.js';
import * as providerView from './views/provider.js';
import * as wachtlijstView from './views/wachtlijst.js';

const ROUTES = {
  login: { view: loginView, roles: null },
  inbox: { view: inboxView, roles: ['toegang'] },
  wachtlijst: { view: wachtlijstView, roles: ['toegang'] },
  regio: { view: regionalView, roles: ['regio', 'beheer', 'toegang'] },
  aanbieder: { view: providerView, roles: ['aanbieder'] },
};

const NAV = [
  { route: 'inbox', key: 'nav.inbox' },
  { route: 'wachtlijst', key: 'nav.wachtlijst' },
  { route: 'regio', key: 'nav.regio' },
  { route: 'aanbieder', key: 'nav.aanbieder' },
];

/** The landing page of a role. */
export function homeOf(role) {
  if (role === 'toegang') return '#/inbox';
  if (role === 'aanbieder') return '#/aanbieder';
  return '#/regio';
}

/**
 * An element of index.html (always there).
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

const main = byId('main');
let current = null; // { name, instance }

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  const [name = '', ...rest] = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { name, params: { id: rest[0] ?? null }, query: new URLSearchParams(qs) };
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderShell() {
  const session = getSession();
  const principal = session?.principal;
  document.documentElement.lang = getLang();
  document.title = t('app.title');
  byId('skip-link').textContent = t('app.skip');
  byId('brand-sub').textContent = t('app.subtitle');
  byId('api-docs-link').textContent = t('footer.api');
  byId('footer-privacy').textContent = t('footer.privacy');

  const toggle = byId('lang-toggle');
  toggle.textContent = t('lang.toggle');
  toggle.setAttribute('aria-label', t('lang.toggleLabel'));
  toggle.setAttribute('lang', getLang() === 'nl' ? 'en' : 'nl');

  const logoutButton = byId('logout');
  logoutButton.textContent = t('user.logout');
  logoutButton.hidden = !principal;

  const userInfo = byId('user-info');
  if (principal) {
    const scope = principal.gemeente
      ? t('scope.gemeente', { code: principal.gemeente })
      : principal.agb
        ? t('scope.agb', { code: principal.agb })
        : principal.regio
          ? t('scope.regio', { code: principal.regio })
          : '';
    replace(
      userInfo,
      h('span', { class: 'sr-only' }, `${t('user.loggedInAs')} `),
      h('strong', { 'data-testid': 'current-user' }, principal.sub ?? ''),
      h('span', { class: 'muted' }, ` · ${t(`role.${principal.role}`)}${scope ? ` · ${scope}` : ''}`),
    );
  } else replace(userInfo);

  const nav = byId('app-nav');
  const { name } = parseHash();
  const items = principal ? NAV.filter((n) => ROUTES[n.route].roles.includes(principal.role)) : [];
  nav.setAttribute('aria-label', t('nav.label'));
  nav.hidden = items.length < 2;
  replace(
    nav,
    h(
      'ul',
      null,
      items.map((n) => h('li', null, h('a', { href: `#/${n.route}`, 'aria-current': n.route === name ? 'page' : null }, t(n.key)))),
    ),
  );
}

function unmountCurrent() {
  try {
    current?.instance?.unmount?.();
  } catch {
    /* ignore */
  }
  current = null;
}

function route({ force = false } = {}) {
  const { name, params, query } = parseHash();
  const session = getSession();

  if (!session && name !== 'login') {
    location.replace('#/login');
    return;
  }
  if (session && (name === 'login' || !ROUTES[name])) {
    location.replace(homeOf(session.principal.role));
    return;
  }
  const def = ROUTES[name];
  if (def.roles && session && !def.roles.includes(session.principal.role)) {
    location.replace(homeOf(session.principal.role));
    return;
  }

  renderShell();
  const ctx = { params, query, principal: session?.principal ?? null, navigate, onLoggedIn };

  if (!force && current?.name === name && current.instance?.update) {
    current.instance.update(ctx);
    return;
  }
  unmountCurrent();
  main.replaceChildren();
  current = { name, instance: def.view.mount(main, ctx) };
}

function onLoggedIn(principal) {
  navigate(homeOf(principal.role));
}

byId('lang-toggle').addEventListener('click', () => setLang(getLang() === 'nl' ? 'en' : 'nl'));
byId('logout').addEventListener('click', () => {
  unmountCurrent();
  if (!signOut()) navigate('#/login'); // a provider session: on to its end-session page, back here afterwards
});
onLangChange(() => route({ force: true }));
window.addEventListener('hashchange', () => route());

// Another tab logging out does not affect this tab (sessionStorage is per tab).
// the OpenID provider's answer (?code&state) is taken first, out of the address bar, before any view is shown
completeSignIn().then(
  (problem) => {
    if (problem) location.replace(`#/login?signin_error=${encodeURIComponent(problem)}`);
    route({ force: true });
  },
  (error) => {
    location.replace(`#/login?signin_error=${encodeURIComponent(error instanceof Error ? error.message : String(error))}`);
    route({ force: true });
  },
);
