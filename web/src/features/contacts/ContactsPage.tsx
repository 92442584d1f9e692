import { PartyListPage } from '../entities/PartyListPage';

/** /contacts: the people the team sells to. */
export function ContactsPage() {
  return <PartyListPage type="contacts" />;
}
