import { FlowLayout } from '../../app/flow-layout';
import { withQueries } from '../../lib/queries';
import { ConnectPage } from './access/connect-page';
import { flowMessages } from './flow-messages';

export const messages = flowMessages();

// Like the id area's pages, within the app's query cache.
const Page = withQueries(ConnectPage);

// Lazy route module for /id/connect (redirect and popup): the connect flow under a header
// without the app's navigation, so the member finishes here before going anywhere else.
export function Component() {
  return (
    <FlowLayout>
      <Page />
    </FlowLayout>
  );
}

Component.displayName = 'IdConnect';
