"""Registration, sign-in, e-mail verification, password reset and the profile page."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from flask_login.config import COOKIE_NAME

from ..extensions import limiter
from ..i18n import current_language
from ..security import safe_next
from . import bp, services, tokens
from .forms import (
    ChangePasswordForm,
    EmptyForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    ReauthenticateForm,
    RegisterForm,
    ResetRequestForm,
)
from .limits import PER_ACCOUNT, PER_IP, account_key, person_key
from .sessions import confirm_password_typed, start_session


def _reject(form, error: services.AccountRejected) -> None:
    getattr(form, error.field).errors.append(error.message)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(PER_IP, methods=["POST"])
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=account_key)
def register():
    """Create an account; the same answer whether or not the address was already known."""
    shown = tokens.form_shown_token() if request.method == "GET" else None
    form = RegisterForm(language=current_language(), shown=shown)
    if form.is_submitted() and _robot(form):
        return _check_your_mail()  # no account and no mail, and nothing to tell it so
    if form.validate_on_submit():
        try:
            services.register(
                form.display_name.data, form.email.data, form.password.data, form.language.data
            )
        except services.AccountRejected as error:
            _reject(form, error)
        else:
            return _check_your_mail()
    return render_template("accounts/register.html", form=form), 422 if form.errors else 200


def _robot(form: RegisterForm) -> bool:
    """The hidden field is filled, or the form came back faster than anyone types."""
    if form.website.data:
        return True
    least = current_app.config["REGISTRATION_MIN_SECONDS"]
    if least <= 0:
        return False
    elapsed = tokens.seconds_since_form_shown(form.shown.data)
    return elapsed is None or elapsed < least


def _check_your_mail():
    flash(_("Thank you. To finish, open the link we sent to your e-mail address."))
    return redirect(url_for("accounts.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(PER_IP, methods=["POST"])
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=account_key)
def login():
    """Sign in; a wrong address and a wrong password get the same message."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            start_session(user, remember=form.remember.data)
            flash(_("You are logged in."))
            return redirect(safe_next(form.next.data))
        form.password.errors.append(_("The e-mail address or password is not correct."))
    return render_template("accounts/login.html", form=form), 422 if form.errors else 200


@bp.route("/login/again", methods=["GET", "POST"])
@login_required
@limiter.limit(PER_IP, methods=["POST"])
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=person_key)
def reauthenticate():
    """Ask for the password again before a powerful act, then return to it."""
    form = ReauthenticateForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        if services.password_matches(current_user, form.password.data):
            confirm_password_typed()
            return redirect(safe_next(form.next.data))
        form.password.errors.append(_("The password is not correct."))
    page = render_template("accounts/reauthenticate.html", form=form)
    return page, 422 if form.errors else 200


@bp.post("/logout")
def logout():
    """Sign out here and on every other device."""
    if current_user.is_authenticated:
        services.end_sessions(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("main.home"))


@bp.get("/verify/<token>")
def verify_email(token: str):
    """Confirm an e-mail address from the link we sent."""
    if services.verify_email(token) is None:
        flash(_("This link is not valid or has expired. Log in to get a new one."), "error")
    else:
        flash(_("Your e-mail address is confirmed."))
    return redirect(
        url_for("accounts.account" if current_user.is_authenticated else "accounts.login")
    )


@bp.post("/verify/resend")
@login_required
@limiter.limit("3 per hour", key_func=lambda: f"user:{current_user.id}")
def resend_verification():
    """Send the verification link again."""
    services.resend_verification(current_user)
    flash(_("Check your e-mail: we sent you a new link."))
    return redirect(url_for("accounts.account"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(PER_IP, methods=["POST"])
@limiter.limit(PER_ACCOUNT, methods=["POST"], key_func=account_key)
def request_reset():
    """Ask for a password-reset link; never says whether the address is registered."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account uses this address, we have sent it a link to set a new password."))
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form), 422 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(PER_IP, methods=["POST"])
def reset_password(token: str):
    """Set a new password from a reset link."""
    user = services.user_for_reset(token)
    if user is None:
        flash(_("This link is not valid or has expired. Ask for a new one."), "error")
        return redirect(url_for("accounts.request_reset"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.password.data)
        except services.AccountRejected as error:
            _reject(form, error)
        else:
            logout_user()
            flash(_("Your password is changed. Please log in with the new one."))
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form), 422 if form.errors else 200


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The profile page: name, language and response e-mail (password has its own form)."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        try:
            services.update_profile(
                current_user,
                form.display_name.data,
                form.language.data,
                response_mail=form.response_mail.data,
            )
        except services.AccountRejected as error:
            _reject(form, error)
        else:
            flash(_("Your profile is saved."))
            return redirect(url_for("accounts.account"))
    return _account_page(profile_form=form)


@bp.post("/account/password")
@login_required
def change_password():
    """Change the password; every other session ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.AccountRejected as error:
            _reject(form, error)
        else:
            start_session(current_user._get_current_object(), remember=_remembered())
            flash(_("Your password is changed. You were logged out everywhere else."))
            return redirect(url_for("accounts.account"))
    return _account_page(password_form=form)


def _remembered() -> bool:
    """Whether this browser asked to be remembered (its cookie names the old session token)."""
    return current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies


def _account_page(profile_form=None, password_form=None):
    profile_form = profile_form or ProfileForm(obj=current_user)
    password_form = password_form or ChangePasswordForm()
    failed = profile_form.errors or password_form.errors
    return render_template(
        "accounts/account.html",
        profile_form=profile_form,
        password_form=password_form,
        resend_form=EmptyForm(),
    ), 422 if failed else 200
