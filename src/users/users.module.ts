import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { ApiUser } from './entities/api-user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([ApiUser]), AuthModule],
  controllers: [UsersController],
  providers: [UsersService, AdminBootstrapService],
})
export class UsersModule {}
