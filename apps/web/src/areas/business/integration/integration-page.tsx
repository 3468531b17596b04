import { SoonPage } from '../soon-page';

export function IntegrationPage() {
  return <SoonPage section="integration" />;
}
