import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'

export default class TokensController {
  async destroy({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    return response.noContent()
  }
}
