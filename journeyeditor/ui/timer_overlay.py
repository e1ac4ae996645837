"""The presenter's countdown, large enough to read from the back of a workshop room.

It sits in the map view's top right corner as a child of the view itself (not of its
viewport), so scrolling or zooming the map never moves it; the presenter gives it a band
of its own above the map (`band_height`, the view's top viewport margin), so it hides
no stage header and no card. It is short and wide (the digits beside the buttons) to
take little of the screen's height. Its buttons take no keyboard focus: the map keeps
the keys, and Escape or F11 still leave the presenter view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QEnterEvent, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.ui.countdown import MINUTE_MS, PRESETS_MIN, Countdown

MARGIN = 12
"""Between the panel and the view's edges, and the map below it."""
FLASHES = 6
FLASH_MS = 250
PANEL = QColor(20, 24, 32, 250)
"""Nearly opaque: map text showing through the digits would make both unreadable."""
FLASH = QColor(232, 160, 32, 250)
DIGITS = QColor("#ffffff")
DIGITS_AT_ZERO = QColor("#ffcf70")
DIGITS_ON_FLASH = QColor("#20242c")


def clock_text(remaining_ms: int) -> str:
    """Minutes and seconds, rounded up: 00:00 only once the time is really over."""
    seconds = -(-remaining_ms // 1000)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class TimerOverlay(QWidget):
    """Time left, presets (5, 10, 15 min), start/pause/resume, reset, and a brief flash
    with a beep when the time is up. While running, only the time shows until the mouse
    comes over it."""

    def __init__(self, countdown: Countdown, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self._area = area
        self._viewport = area.viewport()
        self.setObjectName("timerOverlay")
        self.countdown = countdown
        self._flashes_left = 0
        self._flash_on = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._flash_step)
        self.time_label = QLabel(self)
        self.time_label.setObjectName("timerDigits")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        digits = QFont(self.font())
        digits.setPixelSize(96)
        digits.setBold(True)
        digits.setStyleHint(QFont.StyleHint.Monospace)
        self.time_label.setFont(digits)
        self.presets = [self._button(self.tr("{0} min").format(n)) for n in PRESETS_MIN]
        for minutes, button in zip(PRESETS_MIN, self.presets, strict=True):
            button.clicked.connect(
                lambda _checked=False, m=minutes: countdown.set_duration(m * MINUTE_MS)
            )
        self.start_button = self._button(self.tr("Start"))
        self.start_button.setObjectName("timerStart")
        self.start_button.clicked.connect(countdown.toggle)
        self.reset_button = self._button(self.tr("Reset"))
        self.reset_button.setObjectName("timerReset")
        self.reset_button.clicked.connect(countdown.reset)
        self.controls = QWidget(self)
        presets = QHBoxLayout()
        for button in self.presets:
            presets.addWidget(button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.reset_button)
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addLayout(presets)
        controls.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 6, 14, 6)
        row.setSpacing(16)
        row.addWidget(self.time_label)
        row.addWidget(self.controls)
        self._hovered = False
        self._inset = QPoint(MARGIN, MARGIN)
        self._grab: QPoint | None = None
        countdown.tick.connect(self._show_time)
        countdown.stateChanged.connect(self._show_state)
        countdown.finished.connect(self._time_up)
        area.installEventFilter(self)
        self._viewport.installEventFilter(self)
        self._show_state()
        self.adjustSize()
        self.place()

    def _button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFont(button.font())
        font.setPixelSize(22)
        button.setFont(font)
        button.setMinimumHeight(44)
        return button

    def flashing(self) -> bool:
        """Whether the time-up flash is playing."""
        return self._flash_timer.isActive()

    def _show_time(self, remaining_ms: int) -> None:
        self.time_label.setText(clock_text(remaining_ms))
        self._colour_digits()

    def _colour_digits(self) -> None:
        if self._flash_on:
            colour = DIGITS_ON_FLASH
        else:
            colour = DIGITS if self.countdown.remaining() > 0 else DIGITS_AT_ZERO
        self.time_label.setStyleSheet(f"color: {colour.name()};")

    def _show_state(self) -> None:
        countdown = self.countdown
        if countdown.is_running():
            text = self.tr("Pause")
        elif 0 < countdown.remaining() < countdown.duration():
            text = self.tr("Resume")
        else:
            text = self.tr("Start")
        self.start_button.setText(text)
        if countdown.remaining() > 0:
            self._stop_flash()
        self._show_time(countdown.remaining())
        self._show_controls()

    def _show_controls(self) -> None:
        """While the time runs only the digits show, covering less of the map; the
        buttons come back under the mouse and whenever the countdown stops."""
        wanted = self._hovered or not self.countdown.is_running()
        if self.controls.isVisibleTo(self) == wanted:
            return
        self.controls.setVisible(wanted)
        self.adjustSize()
        self.place()

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self._show_controls()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self._show_controls()
        super().leaveEvent(event)

    def _time_up(self) -> None:
        QApplication.beep()
        self._flashes_left = FLASHES
        self._flash_on = True
        self._flash_timer.start()
        self._colour_digits()
        self.update()

    def _flash_step(self) -> None:
        self._flashes_left -= 1
        self._flash_on = not self._flash_on and self._flashes_left > 0
        if self._flashes_left <= 0:
            self._stop_flash()
        self._colour_digits()
        self.update()

    def _stop_flash(self) -> None:
        self._flash_timer.stop()
        self._flash_on = False
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The panel can be dragged off whatever part of the map it hides."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.position().toPoint()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is None:
            super().mouseMoveEvent(event)
            return
        top_left = self.mapToParent(event.position().toPoint() - self._grab)
        view = self._area.contentsRect()
        self._inset = QPoint(view.right() - top_left.x() - self.width(), top_left.y() - view.top())
        self.place()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._grab = None
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FLASH if self._flash_on else PANEL)
        painter.drawRoundedRect(QRectF(self.rect()), 14, 14)
        painter.end()

    def band_height(self) -> int:
        """The height of a band above the map that holds the panel, its buttons shown,
        with MARGIN above and below."""
        shown = self.controls.isVisibleTo(self)
        self.controls.setVisible(True)
        height = self.sizeHint().height()
        self.controls.setVisible(shown)
        return height + 2 * MARGIN

    def place(self) -> None:
        """Keep the panel's distance from the view's top right corner (where it starts,
        in the band above the map, and where it was dragged to), wholly inside the view."""
        view = self._area.contentsRect()
        x = view.right() - self._inset.x() - self.width()
        y = view.top() + self._inset.y()
        x = max(view.left(), min(x, view.right() - self.width()))
        y = max(view.top(), min(y, view.bottom() - self.height()))
        self.move(x, y)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        watching = watched is self._area or watched is self._viewport
        if watching and event.type() == QEvent.Type.Resize:
            self.place()
        return super().eventFilter(watched, event)
