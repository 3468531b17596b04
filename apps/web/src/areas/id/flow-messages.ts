import { ru as access } from './access/messages';
import { ru as auth } from './auth/messages';
import { ru as common } from './common/messages';
import { idMessages } from './messages';

/** What the first screen of a connect flow says (both entries bundle the Russian of it). */
export const flowMessages = () =>
  idMessages(['common', 'auth', 'access'], { common, auth, access });
