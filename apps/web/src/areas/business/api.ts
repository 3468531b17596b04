import type {
  BusinessIntegration,
  ChainOwnershipProof,
  ChainVerification,
  ConnectCooperative,
  ConnectedCooperative,
  CooperativeVerification,
  DataKeyCertificate,
  LogoContentType,
  InvitationAccepted,
  InvitationPreview,
  MyCooperative,
  OwnershipChallenge,
  RotatedClientSecret,
  StaffInvite,
  StaffList,
  StaffRole,
  UpdateIntegration,
} from '@cardcoop/contracts';
import type { MemberClient } from '@cardcoop/sdk';
import type { BusinessClient } from '@cardcoop/sdk/business';
import type { StepUpInput } from '../../components/step-up';

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
  proveWithKey(coopname: string, privateKey: string): Promise<ChainVerification>;
  /** The proof made by `npm run coop -- prove`, as pasted. */
  proveWithOutput(coopname: string, proof: ChainOwnershipProof): Promise<ChainVerification>;
  requestApproval(coopname: string, note?: string): Promise<CooperativeVerification>;
  integration(coopname: string): Promise<BusinessIntegration>;
  updateIntegration(coopname: string, change: UpdateIntegration): Promise<BusinessIntegration>;
  uploadLogo(
    coopname: string,
    logo: { contentType: LogoContentType; bytes: Uint8Array },
  ): Promise<BusinessIntegration>;
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
  stepUp(input: StepUpInput): Promise<unknown>;
}

/**
 * The panel's calls on the business SDK (`business`) and, for step-up, on the member's own
 * client.
 */
export function businessApi(
  client: BusinessClient,
  member: Pick<MemberClient, 'stepUp'>,
): BusinessApi {
  const { claims, cooperatives, integration, staff } = client;
  return {
    cooperatives: () => cooperatives.list(),
    connect: (input) => claims.connect(input),
    verification: (coopname) => claims.verification(coopname),
    challenge: (coopname) => claims.challenge(coopname),
    proveWithKey: (coopname, key) => claims.proveWithKey(coopname, key),
    proveWithOutput: (coopname, proof) => claims.proveByChain(coopname, proof),
    // The claim's answer is the request alone; the screen shows the cooperative's whole state.
    requestApproval: async (coopname, note) => {
      await claims.requestApproval(coopname, note);
      return claims.verification(coopname);
    },
    integration: (coopname) => integration.get(coopname),
    updateIntegration: (coopname, change) => integration.update(coopname, change),
    uploadLogo: (coopname, logo) => integration.putLogo(coopname, logo),
    publishDataKey: (coopname, certificate) => integration.publishDataKey(coopname, certificate),
    rotateSecret: (coopname, minutes) => integration.rotateSecret(coopname, minutes),
    staff: (coopname) => staff.list(coopname),
    invite: (coopname, invite) => staff.invite(coopname, invite),
    changeRole: (coopname, userId, role) => staff.changeRole(coopname, userId, role),
    removeStaff: (coopname, userId) => staff.remove(coopname, userId),
    leave: (coopname) => staff.leave(coopname),
    revokeInvitation: (coopname, id) => staff.revokeInvitation(coopname, id),
    invitation: (token) => staff.invitation(token),
    acceptInvitation: (token) => staff.accept(token),
    stepUp: (input) => member.stepUp(input),
  };
}
