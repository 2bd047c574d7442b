import { Role } from '../users/entities/api-user.entity';

/** Who is making a request, after authentication. */
export interface Principal {
  userId: number;
  username: string;
  /** Effective role: the user's role, lowered by the API key's cap when a key is used. */
  role: Role;
  apiKeyId: number | null;
  sessionId: number | null;
}

/** The request as the access guard leaves it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
