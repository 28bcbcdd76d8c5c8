import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'

export default class ApiSessionController {
  async destroy({ auth, response }: HttpContext) {
    if (auth.authenticatedViaGuard === 'api') {
      const user = auth.use('api').getUserOrFail()
      // Token clients are logged out; cookie clients (guard 'web') are not.
      await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    }
    return response.noContent()
  }
}
