import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** The token of an e-mailed link, read once; the address bar is cleaned of it. */
export function useLinkToken(): string {
  const [params, setParams] = useSearchParams();
  const [token] = useState(() => params.get('token') ?? '');
  useEffect(() => {
    if (params.has('token')) setParams({}, { replace: true });
  }, [params, setParams]);
  return token;
}
