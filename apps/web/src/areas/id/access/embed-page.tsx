import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { changeLanguage, isLanguage } from '../../../lib/i18n';
import { sessionStore } from '../session/session-store';
import { useSession } from '../session/use-session';
import { ConnectGate } from './connect-gate';
import { postOutcome } from './connect-outcome';
import { parseConnectRequest } from './connect-request';

const framed = window.parent !== window;

/**
 * `/id/embed`: the connect flow inside the cooperative's iframe (the server lets only the
 * cooperative's registered origins frame it). The outcome is posted to the parent window at
 * exactly the `origin` the server confirmed as registered; nothing is taken from the parent.
 * The refresh cookie is not sent here (SameSite=Strict), so the member signs in each time, and
 * a session made here ends as soon as the outcome is delivered. `lang` (from the widget: the
 * cooperative page's language) sets the language, as there is no language switch here.
 */
export function EmbedPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('access.connect.title'));
  const [params] = useSearchParams();
  const parsed = useMemo(() => parseConnectRequest(params, 'embed'), [params]);
  const lang = params.get('lang');
  useEffect(() => {
    if (isLanguage(lang)) changeLanguage(lang).catch(() => undefined); // stays as it was
  }, [lang]);
  const session = useSession();
  // A session that exists after having been signed out here was made in this frame.
  const madeHere = useRef(false);
  useEffect(() => {
    if (session.status === 'signed-out') madeHere.current = true;
  }, [session.status]);

  return (
    <ConnectGate
      parsed={parsed}
      delivery="embed"
      blocked={framed ? undefined : { kind: 'not-framed' }}
      deliver={(request, outcome) => {
        const post = () => postOutcome(window.parent, request.redirectUri, outcome);
        // Signed out first: the cooperative's page may remove the frame as soon as it hears.
        if (madeHere.current) void sessionStore.logout().finally(post);
        else post();
      }}
    />
  );
}
