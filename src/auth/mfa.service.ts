import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ClockService } from '../common/clock/clock.service';
import { DomainException } from '../common/errors/domain.exception';
import { AssociatedData } from '../crypto/associated-data';
import { DecryptionError, EncryptionService } from '../crypto/encryption.service';
import { ApiUser } from '../users/entities/api-user.entity';
import { newTotpSecret, totpUri, verifyTotp } from './totp.util';

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

/**
 * TOTP second factor. Secrets are stored encrypted (bound to the user's row); each code is
 * accepted once: the matched time step is written with a compare-and-set, so of two requests
 * carrying the same code exactly one wins.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);

  constructor(
    @InjectRepository(ApiUser) private readonly users: Repository<ApiUser>,
    private readonly encryption: EncryptionService,
    private readonly clock: ClockService,
  ) {}

  /** Starts (or restarts) enrolment: a new secret, not yet required at login. */
  async enrol(userId: number): Promise<MfaEnrolment> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (user.mfaEnabled) {
      throw DomainException.conflict('Two-factor authentication is already on; disable it first');
    }
    const secret = newTotpSecret();
    await this.storeSecret(userId, secret, false);
    return { secret, otpauthUri: totpUri(secret, user.username) };
  }

  /** Turns MFA on after the user proves their app produces valid codes. */
  async confirm(userId: number, code: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (user.mfaEnabled) {
      throw DomainException.conflict('Two-factor authentication is already on');
    }
    if (!user.mfaSecretCiphertext) {
      throw DomainException.conflict('Start enrolment first (POST /auth/mfa/enroll)');
    }
    if (!(await this.verifyAndConsume(user, code))) {
      throw DomainException.validation([{ field: 'code', reason: 'code is not valid' }]);
    }
    await this.users.update({ id: userId }, { mfaEnabled: true });
  }

  /** Turns MFA off; needs a current code, so a stolen session alone cannot remove the factor. */
  async disable(userId: number, code: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (!user.mfaEnabled) {
      throw DomainException.conflict('Two-factor authentication is not on');
    }
    if (!(await this.verifyAndConsume(user, code))) {
      throw DomainException.validation([{ field: 'code', reason: 'code is not valid' }]);
    }
    await this.clear(userId);
  }

  /** Admin reset (lost device): the user logs in with the password alone and enrols again. */
  async clear(userId: number, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(ApiUser) : this.users;
    await repository.update(
      { id: userId },
      { mfaEnabled: false, mfaSecretCiphertext: null, mfaLastUsedStep: null },
    );
  }

  /** Stores an encrypted secret for a user (enrolment, or the bootstrap admin's given secret). */
  async storeSecret(
    userId: number,
    secret: string,
    enabled: boolean,
    manager?: EntityManager,
  ): Promise<void> {
    const repository = manager ? manager.getRepository(ApiUser) : this.users;
    await repository.update(
      { id: userId },
      {
        mfaSecretCiphertext: this.encryption.encrypt(secret, AssociatedData.userMfaSecret(userId)),
        mfaEnabled: enabled,
        mfaLastUsedStep: null,
      },
    );
  }

  /** True when the code is valid now (±1 step) and its step was not used before. */
  async verifyAndConsume(user: ApiUser, code: string): Promise<boolean> {
    if (!user.mfaSecretCiphertext) {
      return false;
    }
    let secret: string;
    try {
      secret = this.encryption.decrypt(
        user.mfaSecretCiphertext,
        AssociatedData.userMfaSecret(user.id),
      );
    } catch (error) {
      if (error instanceof DecryptionError) {
        // Tampered or unreadable: no code can be verified; the operator must reset this user's MFA.
        this.logger.error(`TOTP secret of user ${user.id} cannot be decrypted: ${error.message}`);
        return false;
      }
      throw error;
    }
    const step = verifyTotp(secret, code, this.clock.nowMs());
    if (step === null) {
      return false;
    }
    const result = await this.users
      .createQueryBuilder()
      .update(ApiUser)
      .set({ mfaLastUsedStep: step })
      .where('id = :id', { id: user.id })
      .andWhere('(mfa_last_used_step IS NULL OR mfa_last_used_step < :step)', { step })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
