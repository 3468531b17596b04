import type {
  BusinessIntegration,
  ChainOwnershipProof,
  ConnectCooperative,
  ConnectedCooperative,
  CooperativeVerification,
  DataKeyCertificate,
  IntegrationLogo,
  InvitationAccepted,
  InvitationPreview,
  MyCooperative,
  OwnershipChallenge,
  RotatedClientSecret,
  StaffInvite,
  StaffList,
  StaffRole,
  StepUp,
  UpdateIntegration,
  UploadLogo,
} from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import type { BusinessClient } from '@cardcoop/sdk/business';

/**
 * What the panel's screens call, in one place: each maps to one call of the business SDK
 * (`@cardcoop/sdk/business`), so a screen does not depend on how the SDK groups its areas.
 */
export interface BusinessApi {
  cooperatives(): Promise<MyCooperative[]>;
  connect(input: ConnectCooperative): Promise<ConnectedCooperative>;
  verification(coopname: string): Promise<CooperativeVerification>;
  challenge(coopname: string): Promise<OwnershipChallenge>;
  /** Signs the server's challenge in the browser with the pasted key (it never leaves). */
  proveWithKey(coopname: string, privateKey: string): Promise<CooperativeVerification>;
  /** The proof made by `npm run coop -- prove`, as pasted. */
  proveWithOutput(coopname: string, proof: ChainOwnershipProof): Promise<CooperativeVerification>;
  requestApproval(coopname: string, note?: string): Promise<CooperativeVerification>;
  integration(coopname: string): Promise<BusinessIntegration>;
  updateIntegration(coopname: string, change: UpdateIntegration): Promise<BusinessIntegration>;
  uploadLogo(coopname: string, logo: UploadLogo): Promise<IntegrationLogo>;
  publishDataKey(coopname: string, certificate: DataKeyCertificate): Promise<unknown>;
  rotateSecret(coopname: string, graceMinutes: number): Promise<RotatedClientSecret>;
  staff(coopname: string): Promise<StaffList>;
  invite(coopname: string, invite: StaffInvite): Promise<unknown>;
  changeRole(coopname: string, userId: string, role: StaffRole): Promise<unknown>;
  removeStaff(coopname: string, userId: string): Promise<unknown>;
  leave(coopname: string): Promise<unknown>;
  revokeInvitation(coopname: string, id: string): Promise<unknown>;
  invitation(token: string): Promise<InvitationPreview>;
  acceptInvitation(token: string): Promise<InvitationAccepted>;
  stepUp(factor: StepUp): Promise<unknown>;
}

/** The server part that answers this call has not landed in the SDK yet. */
const missing = (): Promise<never> =>
  Promise.reject(new CardCoopError('NOT_FOUND', 'not available yet', { status: 404 }));

export function businessApi(client: BusinessClient): BusinessApi {
  void client;
  return {
    cooperatives: () => Promise.resolve([]),
    connect: missing,
    verification: missing,
    challenge: missing,
    proveWithKey: missing,
    proveWithOutput: missing,
    requestApproval: missing,
    integration: missing,
    updateIntegration: missing,
    uploadLogo: missing,
    publishDataKey: missing,
    rotateSecret: missing,
    staff: missing,
    invite: missing,
    changeRole: missing,
    removeStaff: missing,
    leave: missing,
    revokeInvitation: missing,
    invitation: missing,
    acceptInvitation: missing,
    stepUp: missing,
  };
}
