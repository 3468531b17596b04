import { SoonPage } from '../soon-page';

export function TeamPage() {
  return <SoonPage section="team" />;
}
