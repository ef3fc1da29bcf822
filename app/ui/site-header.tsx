import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";

export interface NavItem {
  to: string;
  label: ReactNode;
  end?: boolean;
}

export interface HeaderUser {
  name: string;
  roleLabel: string;
  organizationName: string;
}

/** The element the menu button controls; without JavaScript the menu link's target. */
const MENU_ID = "hauptmenue";

/**
 * The header of the signed-in portal: the brand, the main navigation and the account (name,
 * „Mein Konto“, „Abmelden“). Below 44rem (about 700 px) navigation and account fold behind one
 * „Menü“ button, so that a page's heading is in the first screen of a phone.
 *
 * Until the page is hydrated (and without JavaScript) the button is a link to the menu, which the
 * stylesheet shows while it is the page's target: the navigation stays reachable. Hydrated, a
 * disclosure button (aria-expanded, aria-controls) takes its place; Escape closes the menu.
 */
export function SiteHeader({ navigation, user }: { navigation: NavItem[]; user: HeaderUser }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // Following a link of the open menu closes it. The link disappears with it, so focus moves to
  // the new page's content instead of getting lost.
  const { pathname, search } = useLocation();
  const wasOpen = useRef(open);
  wasOpen.current = open;
  useEffect(() => {
    if (!wasOpen.current) return;
    setOpen(false);
    // Without scrolling: the open menu still pushes the content down at this moment.
    if (menu.current?.contains(document.activeElement)) {
      document.getElementById("inhalt")?.focus({ preventScroll: true });
    }
  }, [pathname, search]);

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !header.current?.contains(document.activeElement)) return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [open]);

  return (
    <header
      ref={header}
      className="site-header"
      data-menu={hydrated ? (open ? "open" : "closed") : undefined}
    >
      <div className="site-header__inner">
        <NavLink to="/netzwerk" className="brand">
          Netzwerke ABC
        </NavLink>
        {hydrated ? (
          <button
            ref={toggle}
            type="button"
            className="menu-toggle"
            aria-expanded={open}
            aria-controls={MENU_ID}
            onClick={() => setOpen((isOpen) => !isOpen)}
          >
            <MenuIcon open={open} />
            Menü
          </button>
        ) : (
          <a href={`#${MENU_ID}`} className="menu-toggle">
            <MenuIcon open={false} />
            Menü
          </a>
        )}
        <div id={MENU_ID} ref={menu} className="site-menu">
          <nav aria-label="Hauptnavigation" className="main-nav">
            <ul>
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-box">
            <p>
              <span className="user-box__name">{user.name}</span>
              <span className="user-box__meta">
                {user.roleLabel} · {user.organizationName}
              </span>
            </p>
            <NavLink to="/konto" className="user-box__account">
              Mein Konto
            </NavLink>
            <Form method="post" action="/abmelden">
              <button type="submit" className="button button--secondary">
                Abmelden
              </button>
            </Form>
          </div>
        </div>
      </div>
    </header>
  );
}

/** Three bars, a cross while the menu is open; the word „Menü“ beside it names the button. */
function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
      {open ? (
        <path d="M5 5 19 19M19 5 5 19" stroke="currentColor" strokeWidth="2.5" />
      ) : (
        <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.5" />
      )}
    </svg>
  );
}
